package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The identity of a Kubernetes object in the output: API version, kind, namespace and name.
 * Two renderings agree on an object when they agree on its key and its fields.
 *
 * @param apiVersion for example {@code apps/v1}
 * @param kind       for example {@code Deployment}
 * @param namespace  the namespace, or {@code ""} for cluster-scoped objects
 * @param name       {@code metadata.name}
 */
public record ObjectKey(String apiVersion, String kind, String namespace, String name) implements Comparable<ObjectKey> {

    /** The key of a fabric8 object. */
    public static ObjectKey of(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return new ObjectKey(object.getApiVersion(), object.getKind(), namespace == null ? "" : namespace,
                object.getMetadata().getName());
    }

    /** A file-name friendly form: {@code <kind lower-case>-<name>}, for example {@code deployment-api}. */
    public String fileStem() {
        return kind.toLowerCase(java.util.Locale.ROOT) + "-" + name;
    }

    @Override
    public int compareTo(ObjectKey other) {
        int c = kind.compareTo(other.kind);
        if (c == 0) {
            c = namespace.compareTo(other.namespace);
        }
        if (c == 0) {
            c = name.compareTo(other.name);
        }
        return c != 0 ? c : apiVersion.compareTo(other.apiVersion);
    }

    @Override
    public String toString() {
        return kind + (namespace.isEmpty() ? "" : "/" + namespace) + "/" + name;
    }
}
