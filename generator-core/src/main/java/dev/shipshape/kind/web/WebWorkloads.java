package dev.shipshape.kind.web;

import dev.shipshape.model.AppContainers;
import dev.shipshape.model.Autoscalers;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.IngressAnnotations;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.PublicRoutes;
import dev.shipshape.model.Probes;
import dev.shipshape.model.Selectors;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.Workloads;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * The objects of a web component: ServiceAccount, Deployment, ClusterIP Service, a LoadBalancer
 * Service per exposed port and, as the replica count calls for, a HorizontalPodAutoscaler and a PodDisruptionBudget. The Deployment
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
        web.exposedPorts().forEach(port -> objects.add(loadBalancer(web, port)));
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
        ProbeSet probes = web.probes();
        var container = containers.container(web, web.containerPorts().stream().map(ServicePorts::container).toList())
                .withStartupProbe(probe(web, probes.startup(), Probes.STARTUP))
                .withReadinessProbe(probe(web, probes.readiness(), Probes.READINESS))
                .withLivenessProbe(probe(web, probes.liveness(), Probes.LIVENESS))
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

    /** A probe, a gRPC probe's named port resolved to its number. */
    private static io.fabric8.kubernetes.api.model.Probe probe(WebComponent web, Probe probe, Probes.Timing timing) {
        Map<String, Integer> numbers = new HashMap<>();
        web.containerPorts().forEach(p -> numbers.put(p.name(), p.port()));
        return Probes.of(probe.withGrpcPortNumber(numbers), timing);
    }

    /** The ClusterIP Service, annotated with what its routed ports speak for an ingress controller that does not read appProtocol. */
    private Service service(WebComponent web) {
        var meta = context.meta(web);
        Map<String, String> annotations = IngressAnnotations.of(context.app()).service(PublicRoutes.routedPorts(web));
        if (!annotations.isEmpty()) {
            meta.setAnnotations(annotations);
        }
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(context.labels().selector(web))
                .withPorts(web.containerPorts().stream().map(ServicePorts::of).toList())
                .endSpec()
                .build();
    }

    /** The LoadBalancer Service {@code <name>-<port>} of an exposed port ({@link ServicePorts#loadBalancer}). */
    private Service loadBalancer(WebComponent web, ServedPort port) {
        return ServicePorts.loadBalancer(context.metadata().of(web.loadBalancerName(port), context.labels().component(web)),
                context.labels().selector(web), port);
    }
}
