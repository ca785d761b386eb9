package dev.shipshape.spec;

import java.util.SortedMap;

/**
 * The platform's Prometheus Operator, which reads the emitted ServiceMonitors and PrometheusRule.
 *
 * @param namespace the namespace its Prometheus pods run in (admitted to metrics ports)
 * @param labels    labels its Prometheus selects ServiceMonitors and PrometheusRules by (kube-prometheus-stack:
 *                  {@code release: <release>}), sorted by key; empty for none
 * @param grafanaDashboard the application's Grafana dashboard, or {@code null} for none
 */
public record Monitoring(String namespace, SortedMap<String, String> labels, GrafanaDashboard grafanaDashboard) {

    /** Monitoring in a namespace with no selector labels. */
    public Monitoring(String namespace) {
        this(namespace, new java.util.TreeMap<>());
    }

    /** Monitoring without a Grafana dashboard. */
    public Monitoring(String namespace, SortedMap<String, String> labels) {
        this(namespace, labels, null);
    }
}
