package dev.shipshape.spec;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One loaded, validated spec file: the application's default view, the same application
 * resolved for each environment, where it is delivered and which clusters run it.
 *
 * @param file         the spec file
 * @param defaults     the application with no environment overrides (the Kustomize base)
 * @param environments the application resolved per environment, by environment name
 * @param delivery     the Git repository Flux reads the generated output from
 * @param clusters     the clusters, in spec order
 * @param exemptions   policy exemptions, in spec order
 * @param admissionPolicies whether the output holds the rules that can run in the API server as
 *                          ValidatingAdmissionPolicies bound to the application's namespace ({@code spec.admissionPolicies})
 * @param platform     the versions, values and provided components of the platform layer, by component key
 *                     ({@code spec.platform}); sorted
 * @param positions    where each value is written, per view (findings point at the field)
 * @param clusterViews the application as it runs on each cluster with overrides ({@code spec.clusters[].overrides}:
 *                     its environment's view with the cluster's overrides merged over it), by cluster name
 * @param groups       the group each grouped component is delivered with ({@code spec.components.<name>.group}),
 *                     the same in every view
 */
public record ApplicationSpec(
        Path file,
        Application defaults,
        SortedMap<String, Application> environments,
        Delivery delivery,
        List<Cluster> clusters,
        List<Exemption> exemptions,
        boolean admissionPolicies,
        Map<String, PlatformSetting> platform,
        SpecPositions positions,
        SortedMap<String, Application> clusterViews,
        ComponentGroups groups) {

    public ApplicationSpec {
        groups = groups == null ? ComponentGroups.NONE : groups;
        platform = platform == null ? Map.of() : platform;
        positions = positions == null ? SpecPositions.none() : positions;
        clusterViews = clusterViews == null ? Collections.emptySortedMap() : clusterViews;
    }

    /** A spec whose components have no group. */
    public ApplicationSpec(Path file, Application defaults, SortedMap<String, Application> environments, Delivery delivery,
                           List<Cluster> clusters, List<Exemption> exemptions, boolean admissionPolicies,
                           Map<String, PlatformSetting> platform, SpecPositions positions, SortedMap<String, Application> clusterViews) {
        this(file, defaults, environments, delivery, clusters, exemptions, admissionPolicies, platform, positions, clusterViews, null);
    }

    /** A spec whose clusters have no overrides. */
    public ApplicationSpec(Path file, Application defaults, SortedMap<String, Application> environments, Delivery delivery,
                           List<Cluster> clusters, List<Exemption> exemptions, boolean admissionPolicies,
                           Map<String, PlatformSetting> platform, SpecPositions positions) {
        this(file, defaults, environments, delivery, clusters, exemptions, admissionPolicies, platform, positions, null, null);
    }

    /** A spec without {@code spec.platform} settings and recorded positions (built in code). */
    public ApplicationSpec(Path file, Application defaults, SortedMap<String, Application> environments, Delivery delivery,
                           List<Cluster> clusters, List<Exemption> exemptions, boolean admissionPolicies) {
        this(file, defaults, environments, delivery, clusters, exemptions, admissionPolicies, Map.of(), SpecPositions.none());
    }

    /** A spec without admission policies. */
    public ApplicationSpec(Path file, Application defaults, SortedMap<String, Application> environments, Delivery delivery,
                           List<Cluster> clusters, List<Exemption> exemptions) {
        this(file, defaults, environments, delivery, clusters, exemptions, false);
    }

    /** The application's name. */
    public String name() {
        return defaults.name();
    }

    /**
     * Every view the application is compiled for besides the default one, by name: each
     * environment, and each cluster with overrides (named after the cluster; the loader rejects a
     * cluster name that is also an environment's). Each view has its overlay, values file and
     * policy run; a cluster's is layered on its environment's ({@link #parentOf}).
     */
    public SortedMap<String, Application> views() {
        if (clusterViews.isEmpty()) {
            return environments;
        }
        SortedMap<String, Application> views = new TreeMap<>(environments);
        views.putAll(clusterViews);
        return Collections.unmodifiableSortedMap(views);
    }

    /** The view a cluster runs: its own when it has overrides, else its environment's. */
    public String viewOf(Cluster cluster) {
        return clusterViews.containsKey(cluster.name()) ? cluster.name() : cluster.environment();
    }

    /** The environment a cluster's view is layered on, or empty for an environment's view (or an unknown name). */
    public Optional<String> parentOf(String view) {
        return clusterViews.containsKey(view)
                ? clusters.stream().filter(c -> c.name().equals(view)).map(Cluster::environment).findFirst()
                : Optional.empty();
    }

    /** The clusters that run a view (an environment's clusters without overrides, or the one cluster of a cluster view). */
    public List<Cluster> clustersOf(String view) {
        return clusters.stream().filter(c -> viewOf(c).equals(view)).toList();
    }
}
