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
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.Workload;

import java.util.List;
import java.util.Optional;

/**
 * A stateless HTTP service (the seeds' UI and API): a Deployment behind a ClusterIP Service,
 * optionally published on a public route.
 *
 * @param name        component name
 * @param image       container image
 * @param port        the container's HTTP port (1-65535); the Service listens on the same port
 * @param route       public route, or {@code null} when internal only
 * @param health      HTTP paths of the probes
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
        ImageReference image,
        int port,
        Route route,
        Health health,
        Resources resources,
        int replicas,
        Autoscaling autoscaling,
        Metrics metrics,
        List<EnvVar> env,
        List<String> uses,
        List<Egress> egress,
        List<String> envFromSecrets,
        Location location) implements Component {

    /** The container and Service port name of the serving port. */
    public static final String HTTP = "http";
    /** The container and Service port name of a metrics port separate from the serving port. */
    public static final String METRICS = "metrics";

    @Override
    public String type() {
        return WebKind.TYPE;
    }

    /** {@code <name>-tls}, the Certificate and Secret of a public route; nothing without a route. */
    @Override
    public List<String> derivedNames() {
        return route == null ? List.of() : List.of(dev.shipshape.model.PublicRoutes.tlsName(this));
    }

    @Override
    public String role() {
        return route != null ? "frontend" : "backend";
    }

    /** {@code http://<name>:<port>}. */
    @Override
    public Optional<Endpoint> endpoint() {
        return Optional.of(Endpoint.inCluster(name, port, "http"));
    }

    /** Metrics on port {@code metrics} when it is separate from the serving port, else on {@code http}. */
    @Override
    public Optional<MetricsEndpoint> metricsEndpoint() {
        return Optional.ofNullable(metrics).map(m -> new MetricsEndpoint(separateMetricsPort() ? METRICS : HTTP, m.port(), m.path()));
    }

    @Override
    public List<Route> routes() {
        return route == null ? List.of() : List.of(route);
    }

    @Override
    public Optional<Workload> workload() {
        return Optional.of(new Workload(Workload.DEPLOYMENT, name, autoscaling == null ? null : autoscaling.minReplicas()));
    }

    /** Whether metrics are served on a port of their own. */
    boolean separateMetricsPort() {
        return metrics != null && metrics.port() != port;
    }
}
