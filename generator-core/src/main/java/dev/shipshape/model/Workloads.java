package dev.shipshape.model;

/** Settings every Deployment and StatefulSet shipshape emits shares. */
public final class Workloads {

    /** Old ReplicaSets (or StatefulSet revisions) kept for {@code kubectl rollout undo}. */
    public static final int REVISION_HISTORY_LIMIT = 5;

    private Workloads() {
    }
}
