package dev.shipshape.kind.web;

import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Metrics;
import dev.shipshape.spec.MetricsEndpoint;
import dev.shipshape.spec.PodComponent;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import dev.shipshape.spec.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stateless service (the seeds' UI and API, a gRPC service): a Deployment behind a ClusterIP
 * Service with one or more named ports, optionally published on public routes and with ports
 * exposed through LoadBalancer Services.
 *
 * @param name        component name
 * @param pod         image, process, securityContext, volumes and the other pod settings
 * @param ports       the served ports in spec order, at least one; the first is {@link #endpoint()}'s
 * @param routes      public routes in spec order, empty when internal only
 * @param probes      readiness, liveness and startup probes, each resolved (the kind's defaults filled in)
 * @param resources   requests and limits
 * @param replicas    fixed replica count, used when {@code autoscaling} is {@code null}
 * @param autoscaling HorizontalPodAutoscaler bounds, or {@code null} for a fixed count
 * @param metrics     Prometheus metrics endpoint, or {@code null}
 * @param env         environment variables, in spec order
 * @param uses        components this one connects to
 * @param egress      destinations outside the cluster its pods call
 * @param envFromSecrets spec secrets whose keys all become env variables ({@code envFrom})
 * @param location    where the component is declared
 */
public record WebComponent(
        String name,
        PodTemplate pod,
        List<ServedPort> ports,
        List<Route> routes,
        ProbeSet probes,
        Resources resources,
        int replicas,
        Autoscaling autoscaling,
        Metrics metrics,
        List<EnvVar> env,
        List<String> uses,
        List<Egress> egress,
        List<String> envFromSecrets,
        Location location) implements PodComponent {

    /** The container and Service port name of a metrics port separate from the served ports. */
    public static final String METRICS = "metrics";

    /** @param ports, routes copied */
    public WebComponent {
        ports = List.copyOf(ports);
        routes = List.copyOf(routes);
    }

    @Override
    public String type() {
        return WebKind.TYPE;
    }

    /**
     * Per route: its Certificate and Secret ({@code <ingress>-tls}; with {@code spec.gateway} the
     * host's {@code <host>-tls}, which no component name can take), the Ingress of its excluded paths
     * ({@code <ingress>-excluded}) when it has any, and from the second route on the Ingress itself
     * ({@code <name>-<n>}); per exposed port its LoadBalancer Service ({@code <name>-<port>}); with
     * config files, their ConfigMap ({@code <name>-config}).
     */
    @Override
    public List<String> derivedNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            String ingress = dev.shipshape.model.PublicRoutes.ingressName(this, i);
            if (i > 0) {
                names.add(ingress);
            }
            names.add(dev.shipshape.model.PublicRoutes.tlsName(ingress));
            if (!routes.get(i).exclude().isEmpty()) {
                names.add(dev.shipshape.model.PublicRoutes.excludedName(ingress));
            }
        }
        for (ServedPort port : exposedPorts()) {
            names.add(loadBalancerName(port));
        }
        names.addAll(podDerivedNames());
        return names;
    }

    /** {@link #ports()}. */
    @Override
    public List<ServedPort> servedPorts() {
        return ports;
    }

    @Override
    public String role() {
        return routes.isEmpty() ? "backend" : "frontend";
    }

    /** {@code <scheme>://<name>:<servicePort>} of the first port ({@link ServedPort#scheme()}: {@code https} when it serves TLS); the NetworkPolicies admit its container port. */
    @Override
    public Optional<Endpoint> endpoint() {
        ServedPort main = ports.get(0);
        return Optional.of(new Endpoint(name, main.servicePort(), main.port(), main.scheme(), "", null));
    }

    /**
     * Metrics on the served port whose container port they are on, else on a port of their own
     * named {@value #METRICS}.
     */
    @Override
    public Optional<MetricsEndpoint> metricsEndpoint() {
        return Optional.ofNullable(metrics).map(m -> new MetricsEndpoint(
                servedPort(m.port()).map(ServedPort::name).orElse(METRICS), m.port(), m.path()));
    }

    @Override
    public Optional<Workload> workload() {
        return Optional.of(new Workload(Workload.DEPLOYMENT, name, autoscaling == null ? null : autoscaling.minReplicas()));
    }

    /** The served port with this container port, if any. */
    Optional<ServedPort> servedPort(int containerPort) {
        return ports.stream().filter(p -> p.port() == containerPort).findFirst();
    }

    /** Whether metrics are served on a port of their own. */
    boolean separateMetricsPort() {
        return metrics != null && servedPort(metrics.port()).isEmpty();
    }

    /** The container's ports: the served ports, then metrics on a port of their own ({@value #METRICS}, http) when separate. */
    List<ServedPort> containerPorts() {
        List<ServedPort> all = new ArrayList<>(ports);
        if (separateMetricsPort()) {
            all.add(new ServedPort(METRICS, metrics.port(), metrics.port(), ServedPort.Protocol.HTTP, null, null, null));
        }
        return all;
    }

    /** The ports exposed through a LoadBalancer Service, in spec order. */
    List<ServedPort> exposedPorts() {
        return ServedPort.exposed(ports);
    }

    /** {@code <name>-<port name>}, the LoadBalancer Service of an exposed port. */
    String loadBalancerName(ServedPort port) {
        return ServedPort.loadBalancerName(name, port);
    }
}
