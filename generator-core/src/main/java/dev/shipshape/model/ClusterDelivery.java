package dev.shipshape.model;

import dev.shipshape.model.platform.ClusterPlatform;
import dev.shipshape.spec.Cluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.List;

/**
 * The Flux objects that deliver an application to one cluster.
 *
 * @param cluster     the cluster
 * @param entry       the GitRepository, the Kustomization of the jobs that run first ({@link JobStages}) when the
 *                    environment has any, and the application's Kustomization, in that order ({@link OutputLayout#clusterEntry})
 * @param helmRelease the HelmRelease (the Helm method, {@link OutputLayout#clusterReleaseFolder}), or {@code null}
 * @param platform    what the application needs from the cluster's platform layer, which its Kustomizations {@code dependsOn}
 */
public record ClusterDelivery(Cluster cluster, List<GenericKubernetesResource> entry, GenericKubernetesResource helmRelease,
                              ClusterPlatform platform) {

    public ClusterDelivery {
        entry = List.copyOf(entry);
    }

    /** Every Flux object of this delivery, in file order (the platform layer's are {@link #platform}'s). */
    public List<GenericKubernetesResource> objects() {
        return helmRelease == null ? entry : java.util.stream.Stream.concat(entry.stream(), java.util.stream.Stream.of(helmRelease)).toList();
    }
}
