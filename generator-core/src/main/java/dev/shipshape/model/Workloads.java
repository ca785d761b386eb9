package dev.shipshape.model;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.PodTemplate;
import io.fabric8.kubernetes.api.model.HasMetadata;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Settings every Deployment and StatefulSet shipshape emits shares. */
public final class Workloads {

    /** Old ReplicaSets (or StatefulSet revisions) kept for {@code kubectl rollout undo}. */
    public static final int REVISION_HISTORY_LIMIT = 5;
    /** Extra pods allowed during a rollout (rounded up, so at least one). */
    public static final String MAX_SURGE = "25%";

    private Workloads() {
    }

    /**
     * A rollout without lost capacity: RollingUpdate that starts new pods first ({@link #MAX_SURGE})
     * and retires an old one only when a new one is ready ({@code maxUnavailable: 0}).
     */
    public static DeploymentStrategy zeroDowntimeRollout() {
        return new DeploymentStrategyBuilder()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(MAX_SURGE))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .build();
    }

    /**
     * The strategy of a Deployment: {@link #recreate()} for a singleton, when the spec asks for
     * {@code Recreate}, and by default with a volume only one node can mount (a new pod on another
     * node would wait for the old one forever); otherwise {@link #zeroDowntimeRollout()}.
     *
     * @param pod       the component's pod settings
     * @param singleton whether two pods must never run at once
     */
    public static DeploymentStrategy strategy(PodTemplate pod, boolean singleton) {
        boolean recreate = singleton || PodTemplate.RECREATE.equals(pod.strategy())
                || pod.strategy() == null && pod.singleWriterClaim().isPresent();
        return recreate ? recreate() : zeroDowntimeRollout();
    }

    /**
     * The rules a Deployment that runs one pod at a time breaks on purpose: with a ReadWriteOnce
     * claim, {@code min-replicas} and {@code rolling-update-zero-downtime} (a second pod could not
     * mount the volume); with {@code strategy: Recreate} written, {@code rolling-update-zero-downtime}.
     *
     * @param component  a web or worker component
     * @param deployment its Deployment
     */
    public static List<ObjectExemption> onePodExemptions(Component component, HasMetadata deployment) {
        PodTemplate pod = component.podTemplate().orElseThrow();
        ObjectKey key = ObjectKey.of(deployment);
        List<ObjectExemption> exemptions = new ArrayList<>();
        pod.singleWriterClaim().ifPresentOrElse(claim -> {
            String reason = component.name() + " mounts volume " + claim.name() + " (" + claim.claim().accessMode()
                    + "), which one node at a time can mount: a second pod, or a new one during a rolling update, could never start";
            exemptions.add(new ObjectExemption("min-replicas", key, reason));
            exemptions.add(new ObjectExemption("rolling-update-zero-downtime", key, reason));
        }, () -> {
            if (PodTemplate.RECREATE.equals(pod.strategy())) {
                exemptions.add(new ObjectExemption("rolling-update-zero-downtime", key, "the spec sets `strategy: Recreate` for "
                        + component.name() + ": its old pods stop before new ones start"));
            }
        });
        return exemptions;
    }

    /** Pod template annotations as a sorted map, or {@code null} (no {@code annotations} field) when there are none. */
    public static Map<String, String> annotations(Map<String, String> annotations) {
        return annotations.isEmpty() ? null : new TreeMap<>(annotations);
    }

    /** A rollout that stops the old pods before it starts new ones, for a process that must never run twice. */
    public static DeploymentStrategy recreate() {
        return new DeploymentStrategyBuilder().withType("Recreate").build();
    }
}
