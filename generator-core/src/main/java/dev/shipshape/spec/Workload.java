package dev.shipshape.spec;

/**
 * The controller that runs a component's pods, as alerts, runbook commands and autoscalers name it.
 *
 * @param kind                  the Kubernetes kind: {@code Deployment} or {@code StatefulSet}
 * @param name                  the object's name
 * @param autoscalerMinReplicas the HorizontalPodAutoscaler's {@code minReplicas}, or {@code null} without one
 *                              (a workload scaled to zero by hand needs this count back: an HPA does not scale up from zero)
 */
public record Workload(String kind, String name, Integer autoscalerMinReplicas) {

    /** The Deployment kind. */
    public static final String DEPLOYMENT = "Deployment";
    /** The StatefulSet kind. */
    public static final String STATEFUL_SET = "StatefulSet";

    /** The kind as {@code kubectl} and kube-state-metrics spell it: {@code deployment}, {@code statefulset}. */
    public String resource() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }
}
