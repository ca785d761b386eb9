package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;

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

    /** A rollout that stops the old pods before it starts new ones, for a process that must never run twice. */
    public static DeploymentStrategy recreate() {
        return new DeploymentStrategyBuilder().withType("Recreate").build();
    }
}
