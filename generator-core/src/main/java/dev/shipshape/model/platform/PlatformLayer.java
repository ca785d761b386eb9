package dev.shipshape.model.platform;

import dev.shipshape.spec.SpecProblem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one platform layer of a cluster, merged from what each of its applications needs
 * ({@link ClusterPlatform}): one installation of each component, however many applications need it.
 * Applications must agree on each component — the same namespace, chart version and values — and
 * none may install what another says the cluster provides; {@link #merge} reports every
 * disagreement, naming both specs and the fields that decided each side.
 *
 * @param cluster  the cluster's name
 * @param entry    the layer's Flux Kustomizations, sorted by name
 * @param releases the components to install, by key, with the spec files that need each
 * @param sources  the spec files of every application that needs an installed component
 */
public record PlatformLayer(String cluster, List<GenericKubernetesResource> entry, SortedMap<String, Installed> releases,
                            SortedSet<String> sources) {

    /**
     * One component of the layer.
     *
     * @param release what is installed
     * @param sources the spec files whose applications need it, sorted
     */
    public record Installed(PlatformRelease release, SortedSet<String> sources) {
    }

    /**
     * The merged layers and the disagreements between applications.
     *
     * @param layers   by cluster name, only clusters with something to install
     * @param problems one per disagreement, at the second spec's cluster entry
     */
    public record Merge(SortedMap<String, PlatformLayer> layers, List<SpecProblem> problems) {
    }

    /** Merges the platforms of every application on every cluster (any order; the result is sorted). */
    public static Merge merge(List<ClusterPlatform> platforms) {
        Map<String, List<ClusterPlatform>> byCluster = new TreeMap<>();
        platforms.stream().sorted(Comparator.comparing(ClusterPlatform::source))
                .forEach(platform -> byCluster.computeIfAbsent(platform.cluster(), c -> new ArrayList<>()).add(platform));
        SortedMap<String, PlatformLayer> layers = new TreeMap<>();
        List<SpecProblem> problems = new ArrayList<>();
        byCluster.forEach((cluster, onCluster) -> {
            Map<String, ClusterPlatform> decidedBy = new LinkedHashMap<>();
            SortedMap<String, Installed> releases = new TreeMap<>();
            SortedMap<String, GenericKubernetesResource> entry = new TreeMap<>();
            Map<String, ClusterPlatform> entryBy = new LinkedHashMap<>();
            SortedSet<String> sources = new TreeSet<>();
            for (ClusterPlatform platform : onCluster) {
                for (PlatformRelease release : platform.releases()) {
                    String key = release.component().key();
                    Installed installed = releases.get(key);
                    if (installed == null) {
                        releases.put(key, new Installed(release, new TreeSet<>(List.of(platform.source()))));
                        decidedBy.put(key, platform);
                    } else if (installed.release().sameInstallation(release)) {
                        installed.sources().add(platform.source());
                        releases.put(key, new Installed(installed.release().joined(release), installed.sources()));
                    } else {
                        problems.add(disagreement(cluster, key, decidedBy.get(key), installed.release(), platform, release));
                    }
                }
                for (GenericKubernetesResource kustomization : platform.entry()) {
                    String name = kustomization.getMetadata().getName();
                    GenericKubernetesResource known = entry.putIfAbsent(name, kustomization);
                    if (known == null) {
                        entryBy.put(name, platform);
                    } else if (!known.equals(kustomization)) {
                        problems.add(new SpecProblem(platform.location(), "cluster " + cluster + ": the platform layer's Kustomization " + name
                                + " differs between " + entryBy.get(name).source() + " and " + platform.source()
                                + " (its path is in the repository the cluster's Flux bootstrap reads).",
                                "Give both specs the same spec.delivery.path, since their cluster folders are the same."));
                    }
                }
                if (!platform.releases().isEmpty()) {
                    sources.add(platform.source());
                }
            }
            for (ClusterPlatform platform : onCluster) {
                for (ProvidedComponent provided : platform.provided()) {
                    String key = provided.component().key();
                    if (releases.containsKey(key)) {
                        ClusterPlatform installer = decidedBy.get(key);
                        problems.add(new SpecProblem(provided.location(), "cluster " + cluster + ": " + platform.source() + " says " + key
                                + " is provided (" + provided.field() + "), but " + installer.source() + " installs it ("
                                + installed(releases.get(key).release()) + "); the cluster would run two of it.",
                                "Mark " + key + " provided in " + installer.source() + " too, or remove " + provided.field() + ".provided here."));
                    }
                }
            }
            orderWithin(releases);
            if (!releases.isEmpty()) {
                Map<String, Installed> frozen = new TreeMap<>();
                releases.forEach((key, installed) -> frozen.put(key,
                        new Installed(installed.release(), Collections.unmodifiableSortedSet(installed.sources()))));
                layers.put(cluster, new PlatformLayer(cluster, List.copyOf(entry.values()),
                        Collections.unmodifiableSortedMap(new TreeMap<>(frozen)), Collections.unmodifiableSortedSet(sources)));
            }
        });
        return new Merge(Collections.unmodifiableSortedMap(layers), List.copyOf(problems));
    }

    /**
     * Orders releases of one layer that need each other: cert-manager with its Gateway API support on
     * waits for Envoy Gateway, whose chart installs the Gateway API CRDs — cert-manager starts its
     * Gateway controller only when it finds them at start-up (cert-manager.io/docs/usage/gateway).
     */
    private static void orderWithin(SortedMap<String, Installed> releases) {
        Installed certManager = releases.get(PlatformComponent.CERT_MANAGER.key());
        Installed gatewayApi = releases.get(PlatformComponent.ENVOY_GATEWAY.key());
        if (certManager != null && gatewayApi != null && !certManager.release().required().isEmpty()) {
            releases.put(PlatformComponent.CERT_MANAGER.key(),
                    new Installed(certManager.release().after(gatewayApi.release()), certManager.sources()));
        }
    }

    private static SpecProblem disagreement(String cluster, String key, ClusterPlatform first, PlatformRelease one, ClusterPlatform second,
                                            PlatformRelease other) {
        return new SpecProblem(second.location(), "cluster " + cluster + " has one " + key + " for all its applications, but "
                + first.source() + " installs " + installed(one) + ", and " + second.source() + " installs " + installed(other) + ".",
                "Set the same version and values for " + key + " in both specs (spec.platform." + key
                        + " or spec.clusters[].platform." + key + "), or mark it provided in one of them.");
    }

    private static String installed(PlatformRelease release) {
        return "version " + release.version() + " in namespace " + release.namespace() + " with values " + release.values()
                + " (from " + release.origin() + ")";
    }
}
