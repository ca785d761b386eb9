package dev.shipshape.kind.worker;

import dev.shipshape.model.AppContainers;
import dev.shipshape.model.Autoscalers;
import dev.shipshape.model.CustomResource;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.OrderedMap;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.Selectors;
import dev.shipshape.model.Workloads;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of a worker: ServiceAccount, Deployment and, as its scaling calls for, a
 * HorizontalPodAutoscaler (CPU) or a KEDA ScaledObject (queue length; then no HPA of shipshape's and
 * no {@code spec.replicas}, which KEDA's own HPA owns), and a PodDisruptionBudget. No Service. The
 * Deployment rolls out without lost capacity (RollingUpdate, {@code maxUnavailable: 0}) unless it
 * is a singleton, which uses {@code Recreate} so the old pod is gone before the new one starts.
 */
final class WorkerObjects {

    private final AppContainers containers;

    private final KindContext context;

    WorkerObjects(KindContext context) {
        this.context = context;
        this.containers = new AppContainers(context);
    }

    /** ServiceAccount, Deployment, and the HPA or ScaledObject and the PDB when they apply. */
    List<HasMetadata> objects(WorkerComponent worker) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(containers.serviceAccount(worker));
        objects.addAll(containers.objects(worker));
        objects.add(deployment(worker));
        if (worker.autoscaling() != null) {
            objects.add(Autoscalers.cpu(context.meta(worker), worker.name(), worker.autoscaling()));
        }
        if (worker.queueScaling() != null) {
            objects.add(scaledObject(worker));
        }
        if (!worker.singleton() && (worker.autoscaled() || worker.replicas() >= 2)) {
            objects.add(DisruptionBudgets.oneAtATime(context.meta(worker), context.labels().selector(worker)));
        }
        return objects;
    }

    private Deployment deployment(WorkerComponent worker) {
        var spec = new DeploymentBuilder().withMetadata(context.meta(worker)).withNewSpec();
        if (!worker.autoscaled()) {
            spec.withReplicas(worker.replicas());
        }
        return spec
                .withRevisionHistoryLimit(Workloads.REVISION_HISTORY_LIMIT)
                .withSelector(Selectors.matchLabels(context.labels().selector(worker)))
                .withStrategy(Workloads.strategy(worker.pod(), worker.singleton()))
                .withTemplate(podTemplate(worker))
                .endSpec()
                .build();
    }

    private PodTemplateSpec podTemplate(WorkerComponent worker) {
        ContainerBuilder container = containers.container(worker, probePorts(worker));
        ProbeSet probes = worker.probes();
        Probe startup = probes.startup() != null ? probes.startup() : probes.liveness();
        if (startup != null) {
            container.withStartupProbe(Probes.of(named(startup), Probes.STARTUP));
        }
        if (probes.liveness() != null) {
            container.withLivenessProbe(Probes.of(named(probes.liveness()), Probes.LIVENESS));
        }
        if (probes.readiness() != null) {
            container.withReadinessProbe(Probes.of(named(probes.readiness()), Probes.READINESS));
        }
        PodSpecBuilder pod = containers.pod(worker);
        if (!worker.singleton()) {
            AppContainers.spread(pod, context.labels().selector(worker));
        }
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(context.labels().component(worker))
                .withAnnotations(Workloads.annotations(containers.podAnnotations(worker))).endMetadata()
                .withSpec(pod.withTerminationGracePeriodSeconds(worker.terminationGracePeriodSeconds())
                        .withContainers(container.build())
                        .build())
                .build();
    }

    /** The container ports the TCP, HTTP and gRPC probes target, each once, named {@code probe-<port>}. */
    private static List<ContainerPort> probePorts(WorkerComponent worker) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (Probe probe : worker.probes().byName().values()) {
            if (probe.usesPort()) {
                ports.add(probe.portNumber().orElseThrow());
            }
        }
        return ports.stream().map(port -> Pods.port("probe-" + port, port)).toList();
    }

    /**
     * The probe with its port named {@code probe-<port>}, as {@link #probePorts} declares it; a gRPC
     * probe keeps its number, the only form the kubelet's grpc probe takes.
     */
    private static Probe named(Probe probe) {
        return probe.usesPort() && probe.action() != Probe.Action.GRPC ? probe.withPort("probe-" + probe.port()) : probe;
    }

    /** The ScaledObject: target, polling, cooldown, replica bounds and the spec's triggers as KEDA reads them. */
    private HasMetadata scaledObject(WorkerComponent worker) {
        WorkerComponent.QueueScaling scaling = worker.queueScaling();
        List<Map<String, Object>> triggers = scaling.triggers().stream()
                .map(trigger -> OrderedMap.builder().put("type", trigger.type()).put("metadata", trigger.metadata()).build())
                .toList();
        return CustomResource.SCALED_OBJECT.build(context.meta(worker), OrderedMap.builder()
                .put("scaleTargetRef", OrderedMap.builder().put("apiVersion", "apps/v1").put("kind", "Deployment")
                        .put("name", worker.name()).build())
                .put("pollingInterval", scaling.pollingInterval())
                .put("cooldownPeriod", scaling.cooldownPeriod())
                .put("minReplicaCount", scaling.minReplicas())
                .put("maxReplicaCount", scaling.maxReplicas())
                .put("triggers", triggers)
                .build());
    }
}
