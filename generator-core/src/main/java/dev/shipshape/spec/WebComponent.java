package dev.shipshape.spec;

import java.util.List;

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
        Location location) implements Component {

    /** {@code <name>-tls}, the Certificate and Secret of a public route; nothing without a route. */
    @Override
    public List<String> derivedNames() {
        return route == null ? List.of() : List.of(name + "-tls");
    }

    @Override
    public int servicePort() {
        return port;
    }

    @Override
    public String role() {
        return route != null ? "frontend" : "backend";
    }
}
