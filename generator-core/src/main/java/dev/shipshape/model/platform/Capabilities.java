package dev.shipshape.model.platform;

import dev.shipshape.model.PublicRoutes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The table from an object to what it needs from the platform, read from the object alone:
 * its API group when the group is not built into Kubernetes or Flux; for an Ingress, a controller
 * of its {@code spec.ingressClassName}; for any object annotated
 * {@link PublicRoutes#DNS_HOSTNAME} (external-dns reads it on Services, Ingresses and Gateway API
 * routes), a controller writing DNS records. Which component provides each capability is
 * {@link ClusterPlatform}'s decision.
 */
public final class Capabilities {

    /**
     * The API groups every conformant cluster serves (kubectl api-resources of Kubernetes 1.30+;
     * {@code ""} is the core group).
     */
    private static final Set<String> KUBERNETES_GROUPS = Set.of("", "admissionregistration.k8s.io", "apiextensions.k8s.io",
            "apiregistration.k8s.io", "apps", "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch",
            "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io", "flowcontrol.apiserver.k8s.io",
            "networking.k8s.io", "node.k8s.io", "policy", "rbac.authorization.k8s.io", "scheduling.k8s.io", "storage.k8s.io");

    /** Flux's API groups, which {@code flux bootstrap} installs: the premise of a cluster folder. */
    private static final String FLUX_GROUP_SUFFIX = ".toolkit.fluxcd.io";

    private Capabilities() {
    }

    /** Whether a group is served by every cluster with Flux installed. */
    public static boolean builtIn(String group) {
        return KUBERNETES_GROUPS.contains(group) || group.endsWith(FLUX_GROUP_SUFFIX);
    }

    /** The API group of an {@code apiVersion}: the part before {@code /}, or {@code ""} for the core group ({@code v1}). */
    public static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** What the objects need, sorted. */
    public static SortedSet<Capability> of(Collection<? extends HasMetadata> objects) {
        SortedSet<Capability> needed = new TreeSet<>();
        objects.forEach(object -> needed.addAll(of(object)));
        return needed;
    }

    /** What one object needs. */
    public static SortedSet<Capability> of(HasMetadata object) {
        SortedSet<Capability> needed = new TreeSet<>();
        String group = group(object.getApiVersion());
        if (!builtIn(group)) {
            needed.add(new Capability.ApiGroup(group));
        }
        String ingressClass = ingressClassName(object);
        if (ingressClass != null) {
            needed.add(new Capability.IngressClass(ingressClass));
        }
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(PublicRoutes.DNS_HOSTNAME)) {
            needed.add(new Capability.DnsRecords());
        }
        return needed;
    }

    /** An Ingress's {@code spec.ingressClassName}, typed or generic; {@code null} for other objects or when unset. */
    private static String ingressClassName(HasMetadata object) {
        if (!"Ingress".equals(object.getKind()) || !"networking.k8s.io".equals(group(object.getApiVersion()))) {
            return null;
        }
        if (object instanceof Ingress ingress) {
            return ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
        }
        if (object instanceof GenericKubernetesResource generic && generic.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec) {
            return spec.get("ingressClassName") instanceof String name ? name : null;
        }
        return null;
    }
}
