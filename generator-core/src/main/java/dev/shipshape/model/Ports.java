package dev.shipshape.model;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.PostgresComponent;
import dev.shipshape.spec.PrometheusComponent;
import dev.shipshape.spec.WebComponent;

/**
 * Port names and numbers that several objects must agree on: a container port, the Service port
 * that targets it by name, the ServiceMonitor and Prometheus scrape config that select it, and
 * the NetworkPolicies that admit it.
 */
final class Ports {

    /** The serving port of web and Prometheus containers. */
    static final String HTTP = "http";
    /** A metrics port separate from the serving port. */
    static final String METRICS = "metrics";
    /** The PostgreSQL server port. */
    static final String POSTGRES = "postgres";

    private Ports() {
    }

    /** The name of the port serving a web component's metrics: {@code metrics} when separate, else {@code http}. */
    static String metricsPortName(WebComponent web) {
        return separateMetricsPort(web) ? METRICS : HTTP;
    }

    /** Whether a web component serves metrics on a port of its own. */
    static boolean separateMetricsPort(WebComponent web) {
        return web.metrics() != null && web.metrics().port() != web.port();
    }

    /**
     * The port a component's pods listen on, which NetworkPolicies admit: a web component's port,
     * 5432 for in-cluster PostgreSQL, the external port for an external database, 9090 for Prometheus.
     */
    static int podPort(Component component) {
        if (component instanceof WebComponent web) {
            return web.port();
        }
        if (component instanceof PrometheusComponent) {
            return PrometheusComponent.CONTAINER_PORT;
        }
        return ((PostgresComponent) component).servicePort();
    }
}
