package dev.shipshape.spec;

import java.util.Optional;

/**
 * The controller that runs a component's pods, as alerts, runbook commands and autoscalers name it.
 *
 * @param kind                  the Kubernetes kind: {@code Deployment}, {@code StatefulSet}, {@code CronJob} or {@code Job}
 * @param name                  the object's name; for a {@code Job}, the component name its Jobs ({@code <name>-<hash>})
 *                              carry as {@code app.kubernetes.io/name}
 * @param autoscalerMinReplicas the autoscaler's minimum replica count (HorizontalPodAutoscaler {@code minReplicas}
 *                              or KEDA ScaledObject {@code minReplicaCount}), or {@code null} without one
 *                              (a workload scaled to zero by hand needs this count back: an HPA does not scale up from zero)
 * @param scaledObject          whether a KEDA ScaledObject of the same name scales it (it would undo a manual scale-down,
 *                              so it is paused instead)
 */
public record Workload(String kind, String name, Integer autoscalerMinReplicas, boolean scaledObject) {

    /** The Deployment kind. */
    public static final String DEPLOYMENT = "Deployment";
    /** The StatefulSet kind. */
    public static final String STATEFUL_SET = "StatefulSet";
    /** The CronJob kind. */
    public static final String CRON_JOB = "CronJob";
    /** The Job kind (the {@code job} kind's run-to-completion task, named per content). */
    public static final String JOB = "Job";
    /** The KEDA annotation that holds a ScaledObject's target at a fixed replica count (KEDA 2.8+). */
    public static final String KEDA_PAUSED_REPLICAS = "autoscaling.keda.sh/paused-replicas";

    /** A workload no KEDA ScaledObject scales. */
    public Workload(String kind, String name, Integer autoscalerMinReplicas) {
        this(kind, name, autoscalerMinReplicas, false);
    }

    /** The kind as {@code kubectl} and kube-state-metrics spell it: {@code deployment}, {@code statefulset}, {@code cronjob}. */
    public String resource() {
        return kind.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The {@code kubectl} arguments (after {@code kubectl -n <namespace>}) that stop its pods from
     * running: scale to zero, pause its ScaledObject at zero, suspend a CronJob, or delete a
     * component's Jobs (Flux or Helm creates the current one again when resumed).
     */
    public String stopCommand() {
        if (kind.equals(JOB)) {
            return "delete job -l app.kubernetes.io/name=" + name;
        }
        if (kind.equals(CRON_JOB)) {
            return "patch cronjob/" + name + " --type=merge --patch '{\"spec\":{\"suspend\":true}}'";
        }
        if (scaledObject) {
            return "annotate scaledobject/" + name + " " + KEDA_PAUSED_REPLICAS + "=0 --overwrite";
        }
        return "scale " + resource() + "/" + name + " --replicas=0";
    }

    /**
     * The {@code kubectl} arguments that undo {@link #stopCommand()} where the workload's own
     * objects do not; empty when reapplying them is enough (Flux reapplies a fixed replica count
     * and a CronJob's {@code suspend}, which the spec may set to {@code true} on purpose).
     */
    public Optional<String> resumeCommand() {
        if (scaledObject) {
            return Optional.of("annotate scaledobject/" + name + " " + KEDA_PAUSED_REPLICAS + "-");
        }
        return Optional.ofNullable(autoscalerMinReplicas).map(min -> "scale " + resource() + "/" + name + " --replicas=" + min);
    }
}
