package dev.shipshape.spec;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes cluster that runs one environment of the application.
 *
 * @param name        DNS-1123 label; names {@code clusters/<name>/} in the output
 * @param environment the environment it runs
 * @param region      the cloud region, informational (a label on the Flux objects)
 * @param method      how Flux delivers the application there
 * @param dependsOn   Flux Kustomizations in {@code flux-system} that must be ready first (CRDs, controllers)
 * @param platform    the cluster's overrides of {@code spec.platform}, by component key ({@code spec.clusters[].platform}); sorted
 * @param location    where the cluster is declared
 */
public record Cluster(String name, String environment, String region, Method method, List<String> dependsOn,
                      Map<String, PlatformSetting> platform, Location location) {

    public Cluster {
        dependsOn = List.copyOf(dependsOn);
        platform = platform == null ? Map.of() : platform;
    }

    /** A cluster without platform overrides. */
    public Cluster(String name, String environment, String region, Method method, List<String> dependsOn, Location location) {
        this(name, environment, region, method, dependsOn, Map.of(), location);
    }

    /** How Flux applies the application on a cluster. */
    public enum Method {
        /** A Flux Kustomization of the environment's Kustomize overlay. */
        KUSTOMIZE,
        /** A Flux HelmRelease of the chart with the environment's values file. */
        HELM
    }
}
