package dev.shipshape.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

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
        SpecPositions positions) {

    public ApplicationSpec {
        platform = platform == null ? Map.of() : platform;
        positions = positions == null ? SpecPositions.none() : positions;
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
}
