package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

import java.util.List;
import java.util.Map;

/**
 * StatefulSets of data-holding components and their Services: {@code OrderedReady} pod management,
 * rolling updates, bounded revision history, and volume claims that outlive the StatefulSet —
 * {@code persistentVolumeClaimRetentionPolicy} {@code whenDeleted: Retain, whenScaled: Retain}
 * written out, so deleting or scaling the workload never deletes data (Kubernetes docs,
 * "StatefulSets: PersistentVolumeClaim retention").
 */
public final class StatefulSets {

    /** The claim retention of both events: keep the claims. */
    public static final String RETAIN = "Retain";

    private StatefulSets() {
    }

    /**
     * A StatefulSet.
     *
     * @param meta           its metadata
     * @param podLabels      the pod template's labels
     * @param podAnnotations the pod template's annotations (for example {@link ConfigChecksum#ANNOTATION}); may be empty
     * @param selector       the pod selector
     * @param serviceName    the governing headless Service
     * @param replicas       the replica count
     * @param pod            the pod spec
     * @param claims         the volume claim templates, may be empty
     */
    public static StatefulSet of(ObjectMeta meta, Map<String, String> podLabels, Map<String, String> podAnnotations,
                                 Map<String, String> selector, String serviceName, int replicas, PodSpec pod,
                                 List<PersistentVolumeClaim> claims) {
        return new StatefulSetBuilder().withMetadata(meta)
                .withNewSpec()
                .withReplicas(replicas)
                .withServiceName(serviceName)
                .withPodManagementPolicy("OrderedReady")
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withRevisionHistoryLimit(Workloads.REVISION_HISTORY_LIMIT)
                .withNewPersistentVolumeClaimRetentionPolicy().withWhenDeleted(RETAIN).withWhenScaled(RETAIN)
                .endPersistentVolumeClaimRetentionPolicy()
                .withSelector(Selectors.matchLabels(selector))
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).withAnnotations(podAnnotations.isEmpty() ? null : new java.util.TreeMap<>(podAnnotations))
                .endMetadata()
                .withSpec(pod)
                .endTemplate()
                .withVolumeClaimTemplates(claims)
                .endSpec()
                .build();
    }

    /**
     * Spreads the pods of a replicated store over nodes, best effort ({@code ScheduleAnyway}) so a
     * small cluster still schedules them: two replicas on one node fail together. StatefulSet pods
     * are replaced one at a time, so old and new revisions never skew each other.
     */
    public static TopologySpreadConstraint spreadOverNodes(Map<String, String> selector) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("kubernetes.io/hostname")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withLabelSelector(Selectors.matchLabels(selector))
                .build();
    }

    /**
     * The headless Service that governs a StatefulSet: stable DNS names {@code <pod>.<service>} for
     * every pod, published before they are ready so peers of a clustered store find each other.
     */
    public static Service headless(ObjectMeta meta, Map<String, String> selector, List<ServicePort> ports) {
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("None")
                .withPublishNotReadyAddresses(true)
                .withSelector(selector)
                .withPorts(ports)
                .endSpec()
                .build();
    }

    /** The ClusterIP Service clients connect to (ready pods only). */
    public static Service clusterIp(ObjectMeta meta, Map<String, String> selector, List<ServicePort> ports) {
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(selector)
                .withPorts(ports)
                .endSpec()
                .build();
    }
}
