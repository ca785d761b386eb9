package dev.shipshape.kind.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.ObjectExemption;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.model.Workloads;
import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.ContainerSecurity;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.JsonPointers;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.SpecChecks;
import dev.shipshape.spec.TreeValues;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code worker} kind: a long-running process with no port and no Service (queue consumers,
 * schedulers) — a Deployment ({@link WorkerObjects}) that nothing connects to, probed only as the
 * spec declares, scaled by a fixed count, an HPA on CPU or a KEDA ScaledObject on a queue, or run
 * as a singleton. Its NetworkPolicy admits no ingress and lets it reach what it {@code uses}.
 */
public final class WorkerKind implements ComponentKind<WorkerComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "worker";
    /** Replica count without autoscaling: two, so one pod can drain while the other consumes (like web). */
    static final int DEFAULT_REPLICAS = 2;
    /** The autoscaling/v1 default CPU utilization target, percent. */
    static final int DEFAULT_TARGET_CPU_UTILIZATION = 80;
    /** KEDA's minimum of a ScaledObject when the spec gives none: one pod, so a task never waits for a cold start. */
    static final int DEFAULT_QUEUE_MIN_REPLICAS = 1;
    /** KEDA's default {@code pollingInterval}, seconds. */
    static final int DEFAULT_POLLING_INTERVAL = 30;
    /** KEDA's default {@code cooldownPeriod}, seconds. */
    static final int DEFAULT_COOLDOWN_PERIOD = 300;
    /** Kubernetes' default {@code terminationGracePeriodSeconds}. */
    static final int DEFAULT_TERMINATION_GRACE_SECONDS = 30;
    /** The metadata each KEDA scaler needs (keda.sh/docs/latest/scalers: redis-lists, prometheus, rabbitmq-queue). */
    static final Map<String, List<String>> REQUIRED_METADATA = Map.of(
            "redis", List.of("listName", "listLength"),
            "prometheus", List.of("serverAddress", "query", "threshold"),
            "rabbitmq", List.of("queueName", "mode", "value"));
    /** The metadata keys of KEDA triggers that name an environment variable of the scaled container. */
    private static final String FROM_ENV = "FromEnv";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<WorkerComponent> componentClass() {
        return WorkerComponent.class;
    }

    @Override
    public WorkerComponent bind(ComponentNode node) {
        boolean singleton = TreeValues.bool(node.node(), "singleton", false);
        JsonNode scaling = node.path("autoscaling");
        boolean queue = node.present("autoscaling") && TreeValues.present(scaling, "triggers");
        Autoscaling autoscaling = node.present("autoscaling") && !queue
                ? new Autoscaling(ComponentNode.integer(scaling, "minReplicas", DEFAULT_REPLICAS),
                        ComponentNode.integer(scaling, "maxReplicas", DEFAULT_REPLICAS),
                        ComponentNode.integer(scaling, "targetCPUUtilization", DEFAULT_TARGET_CPU_UTILIZATION))
                : null;
        WorkerComponent.QueueScaling queueScaling = queue
                ? new WorkerComponent.QueueScaling(ComponentNode.integer(scaling, "minReplicas", DEFAULT_QUEUE_MIN_REPLICAS),
                        ComponentNode.integer(scaling, "maxReplicas", DEFAULT_QUEUE_MIN_REPLICAS),
                        ComponentNode.integer(scaling, "pollingInterval", DEFAULT_POLLING_INTERVAL),
                        ComponentNode.integer(scaling, "cooldownPeriod", DEFAULT_COOLDOWN_PERIOD),
                        triggers(scaling.path("triggers")))
                : null;
        PodTemplate pod = node.pod(ContainerSecurity.DEFAULT_USER);
        return new WorkerComponent(
                node.name(),
                pod,
                ProbeSet.read(node.path("probes"), node.pointer() + "/probes"),
                node.resources("100m", "256Mi"),
                autoscaling != null ? autoscaling.minReplicas() : node.integer("replicas", singleton || pod.singleWriterClaim().isPresent() ? 1 : DEFAULT_REPLICAS),
                autoscaling,
                queueScaling,
                singleton,
                node.integer("terminationGracePeriodSeconds", DEFAULT_TERMINATION_GRACE_SECONDS),
                node.env(),
                node.texts("uses"),
                node.egress(),
                node.envFromSecrets(),
                node.location());
    }

    private static List<WorkerComponent.Trigger> triggers(JsonNode triggers) {
        List<WorkerComponent.Trigger> bound = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            JsonNode trigger = triggers.get(i);
            Map<String, String> metadata = new LinkedHashMap<>();
            trigger.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
            bound.add(new WorkerComponent.Trigger(trigger.path("type").asText(), metadata, "/autoscaling/triggers/" + i));
        }
        return bound;
    }

    /**
     * Bounds in order, no scale to zero without KEDA, a singleton neither autoscaled nor replicated,
     * each trigger with the metadata its scaler needs, every {@code ...FromEnv} trigger
     * parameter naming one of the worker's env variables, and probe ports given by number (a worker
     * declares no named port).
     */
    @Override
    public void check(WorkerComponent worker, SpecChecks checks) {
        String at = SpecChecks.pointer(worker);
        checks.singlePod(worker, worker.replicas(), worker.autoscaled());
        for (Probe probe : worker.probes().byName().values()) {
            if (probe.usesPort() && probe.portNumber().isEmpty()) {
                checks.problem(probe.portPointer(), "A probe of worker `" + worker.name() + "` names port `" + probe.port()
                                + "`, but a worker declares no named ports: its probe ports are opened by number.",
                        "Write the port number the process listens on, for example `port: 8081`.");
            }
        }
        int min = worker.autoscaling() != null ? worker.autoscaling().minReplicas()
                : worker.queueScaling() != null ? worker.queueScaling().minReplicas() : 1;
        int max = worker.autoscaling() != null ? worker.autoscaling().maxReplicas()
                : worker.queueScaling() != null ? worker.queueScaling().maxReplicas() : 1;
        if (worker.singleton() && worker.autoscaled()) {
            checks.problem(at + "/autoscaling", "Worker `" + worker.name() + "` is a singleton, which runs exactly one pod, but it sets `autoscaling`.",
                    "Remove `autoscaling` (or set `singleton: false` if two pods may run at once).");
            return;
        }
        if (worker.singleton() && worker.replicas() > 1) {
            checks.problem(at + "/replicas", "Worker `" + worker.name() + "` is a singleton, which runs exactly one pod, but it sets `replicas: "
                    + worker.replicas() + "`.", "Remove `replicas` (or set `singleton: false` if two pods may run at once).");
        }
        if (max < min) {
            checks.problem(at + "/autoscaling/maxReplicas",
                    "`maxReplicas` of `" + worker.name() + "` is " + max + ", below `minReplicas` " + min + ".",
                    "Set maxReplicas to at least " + min + ", or lower minReplicas.");
        }
        if (worker.autoscaling() != null && worker.autoscaling().minReplicas() == 0) {
            checks.problem(at + "/autoscaling/minReplicas",
                    "`minReplicas` of `" + worker.name() + "` is 0, but a HorizontalPodAutoscaler on CPU never scales up from zero.",
                    "Set minReplicas to at least 1, or add `triggers` so KEDA scales on the queue (and from zero).");
        }
        if (worker.queueScaling() != null) {
            List<String> names = worker.env().stream().map(EnvVar::name).toList();
            for (WorkerComponent.Trigger trigger : worker.queueScaling().triggers()) {
                List<String> missing = REQUIRED_METADATA.getOrDefault(trigger.type(), List.of()).stream()
                        .filter(key -> !trigger.metadata().containsKey(key)).toList();
                if (!missing.isEmpty()) {
                    checks.problem(at + trigger.pointer() + "/metadata", "The " + trigger.type() + " trigger of `" + worker.name()
                                    + "` lacks " + String.join(", ", missing.stream().map(k -> "`" + k + "`").toList()) + ", which KEDA's "
                                    + trigger.type() + " scaler needs.",
                            "Add " + String.join(", ", missing.stream().map(k -> "`" + k + "`").toList()) + " to its metadata (strings, as in KEDA's scaler reference).");
                }
                trigger.metadata().forEach((key, value) -> {
                    if (key.endsWith(FROM_ENV) && !names.contains(value)) {
                        checks.problem(JsonPointers.child(at + trigger.pointer() + "/metadata", key),
                                "KEDA reads `" + key + "` from environment variable `" + value + "` of `" + worker.name()
                                        + "`, which its `env` does not declare.",
                                "Add `" + value + "` to `spec.components." + worker.name() + ".env` (a secret key for credentials), or name a declared variable.");
                    }
                });
            }
        }
    }

    @Override
    public void contribute(WorkerComponent worker, KindContext context) {
        WorkerObjects objects = new WorkerObjects(context);
        List<HasMetadata> built = objects.objects(worker);
        context.add(worker.location(), built);
        context.add(worker.location(), context.networkPolicies().workload(worker, List.of(), List.of()));
        HasMetadata workload = built.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow();
        if (!worker.singleton()) {
            context.exempt(Workloads.onePodExemptions(worker, workload));
        } else {
            ObjectKey deployment = ObjectKey.of(workload);
            context.exempt(List.of(new ObjectExemption("min-replicas", deployment,
                    "worker " + worker.name() + " is a singleton (spec `singleton: true`): a second replica would run its work twice")));
        }
    }

    @Override
    public RunbookFacts runbook(WorkerComponent worker) {
        return RunbookFacts.stateless("Deployment `" + worker.name() + "` (no Service)", scaling(worker));
    }

    private static String scaling(WorkerComponent worker) {
        if (worker.singleton()) {
            return "singleton: 1 replica, Recreate (never two at once)";
        }
        if (worker.autoscaling() != null) {
            return "HPA " + worker.autoscaling().minReplicas() + " to " + worker.autoscaling().maxReplicas() + " replicas at "
                    + worker.autoscaling().targetCPUUtilization() + "% CPU";
        }
        if (worker.queueScaling() != null) {
            WorkerComponent.QueueScaling queue = worker.queueScaling();
            return "KEDA " + queue.minReplicas() + " to " + queue.maxReplicas() + " replicas on "
                    + String.join(", ", queue.triggers().stream().map(WorkerComponent.Trigger::type).toList());
        }
        return worker.replicas() + (worker.replicas() == 1 ? " replica" : " replicas");
    }
}
