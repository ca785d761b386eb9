package dev.shipshape.spec;

import java.util.List;

/**
 * The application's own Prometheus server (the seeds' {@code metrics} component): a StatefulSet
 * that scrapes every component of the application that declares a metrics endpoint.
 *
 * @param name           component name
 * @param image          Prometheus image
 * @param port           the Service port other components use (the seeds use 80); the container listens on 9090
 * @param retention      TSDB retention, Prometheus duration syntax (for example {@code 15d})
 * @param storage        PVC size (Kubernetes quantity, bytes)
 * @param scrapeInterval scrape interval, Prometheus duration syntax
 * @param resources      requests and limits
 * @param location       where the component is declared
 */
public record PrometheusComponent(
        String name,
        ImageReference image,
        int port,
        String retention,
        String storage,
        String scrapeInterval,
        Resources resources,
        Location location) implements Component {

    /** The port the Prometheus server listens on in its container. */
    public static final int CONTAINER_PORT = 9090;

    @Override
    public int servicePort() {
        return port;
    }

    /** {@code <name>-config} (the ConfigMap) and {@code <name>-headless} (the StatefulSet's governing Service). */
    @Override
    public List<String> derivedNames() {
        return List.of(name + "-config", name + "-headless");
    }

    @Override
    public List<String> uses() {
        return List.of();
    }

    @Override
    public String role() {
        return "monitoring";
    }
}
