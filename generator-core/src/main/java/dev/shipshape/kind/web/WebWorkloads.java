package dev.shipshape.kind.web;

import dev.shipshape.model.AppContainers;
import dev.shipshape.model.Autoscalers;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.Selectors;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.Workloads;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.ArrayList;
import java.util.List;

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

    private final AppContainers containers;

    private final KindContext context;

    WebWorkloads(KindContext context) {
        this.context = context;
        this.containers = new AppContainers(context);
    }

    /** ServiceAccount, Deployment, Service, and the HPA and PDB when they apply. */
    List<HasMetadata> objects(WebComponent web) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(containers.serviceAccount(web));
        objects.addAll(containers.objects(web));
        objects.add(deployment(web));
        objects.add(service(web));
        if (web.autoscaling() != null) {
            objects.add(Autoscalers.cpu(context.meta(web), web.name(), web.autoscaling()));
        }
        if (web.autoscaling() != null || web.replicas() >= 2) {
            objects.add(DisruptionBudgets.oneAtATime(context.meta(web), context.labels().selector(web)));
        }
        return objects;
    }

    private Deployment deployment(WebComponent web) {
        DeploymentBuilder deployment = new DeploymentBuilder()
                .withMetadata(context.meta(web));
        var spec = deployment.withNewSpec();
        if (web.autoscaling() == null) {
            spec.withReplicas(web.replicas());
        }
        return spec
                .withRevisionHistoryLimit(Workloads.REVISION_HISTORY_LIMIT)
                .withSelector(Selectors.matchLabels(context.labels().selector(web)))
                .withStrategy(Workloads.strategy(web.pod(), false))
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
        var container = containers.container(web, ports)
                .withStartupProbe(Probes.httpGet(web.health().readiness(), WebComponent.HTTP, Probes.STARTUP))
                .withReadinessProbe(Probes.httpGet(web.health().readiness(), WebComponent.HTTP, Probes.READINESS))
                .withLivenessProbe(Probes.httpGet(web.health().liveness(), WebComponent.HTTP, Probes.LIVENESS))
                .withNewLifecycle().withNewPreStop().withNewSleep().withSeconds((long) DRAIN_SECONDS)
                .endSleep().endPreStop().endLifecycle()
                .build();
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(context.labels().component(web)).withAnnotations(Workloads.annotations(containers.podAnnotations(web)))
                .endMetadata()
                .withSpec(AppContainers.spread(containers.pod(web), context.labels().selector(web))
                        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                        .withContainers(container)
                        .build())
                .build();
    }

    private Service service(WebComponent web) {
        List<ServicePort> ports = new ArrayList<>();
        ports.add(ServicePorts.tcp(WebComponent.HTTP, web.port(), WebComponent.HTTP));
        if (web.separateMetricsPort()) {
            ports.add(ServicePorts.tcp(WebComponent.METRICS, web.metrics().port(), WebComponent.METRICS));
        }
        return new ServiceBuilder().withMetadata(context.meta(web))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(context.labels().selector(web))
                .withPorts(ports)
                .endSpec()
                .build();
    }
}
