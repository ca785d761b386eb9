package dev.shipshape.kind.web;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.EnvironmentVariables;
import dev.shipshape.model.Labels;
import dev.shipshape.model.Metadata;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.Selectors;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.Workloads;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The objects of a web component: ServiceAccount, Deployment, ClusterIP Service and, as the
 * replica count calls for, a HorizontalPodAutoscaler and a PodDisruptionBudget. The Deployment
 * updates without downtime: RollingUpdate with {@code maxUnavailable: 0}, readiness, liveness and
 * startup probes, a {@code preStop} sleep that lets endpoints drain before SIGTERM, pods spread
 * over nodes and zones.
 */
public final class WebWorkloads {

    /** Seconds the {@code preStop} hook waits so endpoint removal reaches every proxy before SIGTERM. */
    public static final int DRAIN_SECONDS = 10;
    /** Seconds from the start of termination to SIGKILL: the drain plus 20 s to finish in-flight requests. */
    public static final long TERMINATION_GRACE_SECONDS = DRAIN_SECONDS + 20L;
    /** Extra pods allowed during a rollout (rounded up, so at least one). */
    public static final String MAX_SURGE = "25%";

    private final Labels labels;
    private final Metadata metadata;
    private final EnvironmentVariables env;

    WebWorkloads(Labels labels, Metadata metadata, EnvironmentVariables env) {
        this.labels = labels;
        this.metadata = metadata;
        this.env = env;
    }

    /** ServiceAccount, Deployment, Service, and the HPA and PDB when they apply. */
    List<HasMetadata> objects(WebComponent web) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(ServiceAccounts.of(metadata.of(web.name(), labels.component(web)), false));
        objects.add(deployment(web));
        objects.add(service(web));
        if (web.autoscaling() != null) {
            objects.add(autoscaler(web));
        }
        if (web.autoscaling() != null || web.replicas() >= 2) {
            objects.add(DisruptionBudgets.oneAtATime(metadata.of(web.name(), labels.component(web)), labels.selector(web)));
        }
        return objects;
    }

    private Deployment deployment(WebComponent web) {
        DeploymentBuilder deployment = new DeploymentBuilder()
                .withMetadata(metadata.of(web.name(), labels.component(web)));
        var spec = deployment.withNewSpec();
        if (web.autoscaling() == null) {
            spec.withReplicas(web.replicas());
        }
        return spec
                .withRevisionHistoryLimit(Workloads.REVISION_HISTORY_LIMIT)
                .withSelector(Selectors.matchLabels(labels.selector(web)))
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(MAX_SURGE))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .endStrategy()
                .withTemplate(podTemplate(web))
                .endSpec()
                .build();
    }

    private PodTemplateSpec podTemplate(WebComponent web) {
        List<ContainerPort> ports = new ArrayList<>();
        ports.add(Pods.port(WebComponent.HTTP, web.port()));
        if (web.separateMetricsPort()) {
            ports.add(Pods.port(WebComponent.METRICS, web.metrics().port()));
        }
        PodSecurity security = PodSecurity.APPLICATION;
        var container = Pods.container(web.name(), web.image(), security)
                .withPorts(ports)
                .withEnv(env.of(web.env()))
                .withResources(ComputeResources.of(web.resources()))
                .withStartupProbe(Probes.httpGet(web.health().readiness(), WebComponent.HTTP, Probes.STARTUP))
                .withReadinessProbe(Probes.httpGet(web.health().readiness(), WebComponent.HTTP, Probes.READINESS))
                .withLivenessProbe(Probes.httpGet(web.health().liveness(), WebComponent.HTTP, Probes.LIVENESS))
                .withNewLifecycle().withNewPreStop().withNewSleep().withSeconds((long) DRAIN_SECONDS)
                .endSleep().endPreStop().endLifecycle()
                .withVolumeMounts(Pods.mount("tmp", "/tmp"))
                .build();
        Map<String, String> selector = labels.selector(web);
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels.component(web)).endMetadata()
                .withSpec(Pods.spec(web.name(), false, security)
                        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                        .withContainers(container)
                        .withVolumes(Pods.scratch("tmp"))
                        .withTopologySpreadConstraints(spread("kubernetes.io/hostname", selector),
                                spread("topology.kubernetes.io/zone", selector))
                        .withNewAffinity().withNewPodAntiAffinity()
                        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                        .withWeight(100)
                        .withNewPodAffinityTerm()
                        .withTopologyKey("kubernetes.io/hostname")
                        .withLabelSelector(Selectors.matchLabels(selector))
                        .endPodAffinityTerm()
                        .endPreferredDuringSchedulingIgnoredDuringExecution()
                        .endPodAntiAffinity().endAffinity()
                        .build())
                .build();
    }

    /**
     * Spread over a topology domain, best effort ({@code ScheduleAnyway}) so a small cluster still
     * schedules; {@code pod-template-hash} keeps old and new ReplicaSets from skewing each other.
     */
    private static TopologySpreadConstraint spread(String topologyKey, Map<String, String> selector) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey(topologyKey)
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withLabelSelector(Selectors.matchLabels(selector))
                .withMatchLabelKeys("pod-template-hash")
                .build();
    }

    private Service service(WebComponent web) {
        List<ServicePort> ports = new ArrayList<>();
        ports.add(ServicePorts.tcp(WebComponent.HTTP, web.port(), WebComponent.HTTP));
        if (web.separateMetricsPort()) {
            ports.add(ServicePorts.tcp(WebComponent.METRICS, web.metrics().port(), WebComponent.METRICS));
        }
        return new ServiceBuilder().withMetadata(metadata.of(web.name(), labels.component(web)))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(labels.selector(web))
                .withPorts(ports)
                .endSpec()
                .build();
    }

    private HorizontalPodAutoscaler autoscaler(WebComponent web) {
        return new HorizontalPodAutoscalerBuilder().withMetadata(metadata.of(web.name(), labels.component(web)))
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(web.name())
                .endScaleTargetRef()
                .withMinReplicas(web.autoscaling().minReplicas())
                .withMaxReplicas(web.autoscaling().maxReplicas())
                .addNewMetric()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(web.autoscaling().targetCPUUtilization())
                .endTarget()
                .endResource()
                .endMetric()
                .endSpec()
                .build();
    }
}
