package dev.shipshape.kind.prometheus;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Workload;

import java.net.URI;
import java.util.List;
import java.util.Optional;

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
 * @param alertmanagers  the Alertmanagers it sends firing alerts to, {@code http(s)://host[:port][/path]}, in spec order;
 *                       empty: alerts are evaluated and shown on its {@code /alerts} page only
 * @param egress         destinations outside the cluster it calls (an Alertmanager or a remote_write receiver there), in spec order
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
        List<URI> alertmanagers,
        List<Egress> egress,
        Location location) implements Component {

    public PrometheusComponent {
        alertmanagers = List.copyOf(alertmanagers);
        egress = List.copyOf(egress);
    }

    /** A server that sends its alerts nowhere (its {@code /alerts} page shows them) and calls nothing outside the cluster. */
    public PrometheusComponent(String name, ImageReference image, int port, String retention, String storage, String scrapeInterval,
                               Resources resources, Location location) {
        this(name, image, port, retention, storage, scrapeInterval, resources, List.of(), List.of(), location);
    }

    /** The port of an Alertmanager URL: its own, else its scheme's (80, 443). */
    public static int port(URI alertmanager) {
        return alertmanager.getPort() != -1 ? alertmanager.getPort() : "https".equals(alertmanager.getScheme()) ? 443 : 80;
    }

    /** The port the Prometheus server listens on in its container. */
    public static final int CONTAINER_PORT = 9090;

    @Override
    public String type() {
        return PrometheusKind.TYPE;
    }

    /** {@code <name>-config} (the ConfigMap) and {@code <name>-headless} (the StatefulSet's governing Service). */
    @Override
    public List<String> derivedNames() {
        return List.of(configName(), headlessName());
    }

    /** The ConfigMap holding {@code prometheus.yml} and the rules file. */
    public String configName() {
        return name + "-config";
    }

    /** The headless Service that governs the StatefulSet. */
    public String headlessName() {
        return name + "-headless";
    }

    /** {@code http://<name>:<port>}; the pods listen on 9090. */
    @Override
    public Optional<Endpoint> endpoint() {
        return Optional.of(new Endpoint(name, port, CONTAINER_PORT, "http", "", null));
    }

    @Override
    public Optional<Workload> workload() {
        return Optional.of(new Workload(Workload.STATEFUL_SET, name, null));
    }

    @Override
    public boolean scrapesMetrics() {
        return true;
    }

    @Override
    public String role() {
        return "monitoring";
    }
}
