package dev.shipshape.spec;

/**
 * The platform's Prometheus Operator, which reads the emitted ServiceMonitors and PrometheusRules.
 *
 * @param namespace the namespace its Prometheus pods run in (admitted to metrics ports)
 */
public record Monitoring(String namespace) {
}
