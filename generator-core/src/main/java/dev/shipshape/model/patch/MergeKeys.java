package dev.shipshape.model.patch;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a strategic merge patch merges a list, by where the list is in an object: the
 * {@code patchMergeKey} / {@code patchStrategy:"merge"} struct tags of the Kubernetes API types
 * ({@code k8s.io/api/core/v1/types.go}: {@code PodSpec.Containers}, {@code InitContainers},
 * {@code EphemeralContainers}, {@code Volumes}, {@code ImagePullSecrets}, {@code ResourceClaims},
 * {@code SchedulingGates} by {@code name}, {@code HostAliases} by {@code ip},
 * {@code TopologySpreadConstraints} by {@code topologyKey}; {@code Container.Env} by {@code name},
 * {@code Ports} by {@code containerPort}, {@code VolumeMounts} by {@code mountPath},
 * {@code VolumeDevices} by {@code devicePath}; {@code ServiceSpec.Ports} by {@code port};
 * {@code ObjectMeta.OwnerReferences} by {@code uid} and {@code Finalizers} as a set), published as
 * {@code x-kubernetes-patch-merge-key} / {@code x-kubernetes-patch-strategy} in the OpenAPI
 * schemas (a test checks this table against the strict v1.32 schemas). Every other list, for
 * example {@code tolerations}, {@code envFrom}, {@code args} or an Ingress's {@code rules}, is
 * replaced as a whole.
 */
final class MergeKeys {

    /** How one list merges. */
    sealed interface Strategy permits ByKey, Set, Replace {
    }

    /** Elements are objects merged by the value of {@code key}. */
    record ByKey(String key) implements Strategy {
    }

    /** Elements are scalars; the patch's are added to the original's ({@code finalizers}). */
    record Set() implements Strategy {
    }

    /** The patch's list replaces the original's. */
    record Replace() implements Strategy {
    }

    private record Rule(Pattern path, String kind, Strategy strategy) {
    }

    private static final String POD = "(.*/)?template/spec/";
    private static final String CONTAINER = POD + "(containers|initContainers|ephemeralContainers)/\\*/";

    private static final List<Rule> RULES = List.of(
            rule(POD + "(containers|initContainers|ephemeralContainers|volumes|imagePullSecrets|resourceClaims|schedulingGates)", "name"),
            rule(POD + "hostAliases", "ip"),
            rule(POD + "topologySpreadConstraints", "topologyKey"),
            rule(CONTAINER + "env", "name"),
            rule(CONTAINER + "ports", "containerPort"),
            rule(CONTAINER + "volumeMounts", "mountPath"),
            rule(CONTAINER + "volumeDevices", "devicePath"),
            rule("(.*/)?metadata/ownerReferences", "uid"),
            new Rule(Pattern.compile("spec/ports"), "Service", new ByKey("port")),
            new Rule(Pattern.compile("(.*/)?metadata/finalizers"), null, new Set()));

    private MergeKeys() {
    }

    private static Rule rule(String path, String key) {
        return new Rule(Pattern.compile(path), null, new ByKey(key));
    }

    /**
     * @param kind the patched object's kind, for example {@code Deployment}
     * @param path the list's place in the object, list elements written {@code *}, for example
     *             {@code spec/template/spec/containers/*}{@code /env}
     * @return how the list merges
     */
    static Strategy of(String kind, String path) {
        Optional<Rule> rule = RULES.stream()
                .filter(r -> (r.kind() == null || r.kind().equals(kind)) && r.path().matcher(path).matches())
                .findFirst();
        return rule.map(Rule::strategy).orElse(new Replace());
    }
}
