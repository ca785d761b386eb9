package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the {@code metadata} of the objects of one application: every namespaced object lives
 * in the application's namespace.
 *
 * @param namespace the application's namespace
 */
public record Metadata(String namespace) {

    /** Metadata of a namespaced object. */
    public ObjectMeta of(String name, Map<String, String> labels) {
        return of(name, labels, Map.of());
    }

    /** Metadata of a namespaced object with annotations (written sorted by key). */
    public ObjectMeta of(String name, Map<String, String> labels, Map<String, String> annotations) {
        ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name).withNamespace(namespace).withLabels(labels);
        if (!annotations.isEmpty()) {
            meta.withAnnotations(new TreeMap<>(annotations));
        }
        return meta.build();
    }

    /** Metadata of a cluster-scoped object. */
    public static ObjectMeta clusterScoped(String name, Map<String, String> labels) {
        return new ObjectMetaBuilder().withName(name).withLabels(labels).build();
    }
}
