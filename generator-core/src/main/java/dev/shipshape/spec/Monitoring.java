package dev.shipshape.spec;

import java.util.SortedMap;

/**
 * The platform's Prometheus Operator, which reads the emitted ServiceMonitors and PrometheusRule.
 *
 * @param namespace the namespace its Prometheus pods run in (admitted to metrics ports)
 * @param labels    labels its Prometheus selects ServiceMonitors and PrometheusRules by (kube-prometheus-stack:
 *                  {@code release: <release>}), sorted by key; empty for none
 */
public record Monitoring(String namespace, SortedMap<String, String> labels) {

    /** Monitoring in a namespace with no selector labels. */
    public Monitoring(String namespace) {
        this(namespace, new java.util.TreeMap<>());
    }
}
