package dev.shipshape.spec;

import java.util.SortedMap;

/**
 * The application's Grafana dashboard ({@code spec.monitoring.grafanaDashboard}): a ConfigMap the
 * Grafana dashboard sidecar loads (kube-prometheus-stack: label {@code grafana_dashboard: "1"},
 * every namespace searched).
 *
 * @param labels the labels the sidecar selects ConfigMaps by, sorted by key
 */
public record GrafanaDashboard(SortedMap<String, String> labels) {

    /** The sidecar's label when the spec names none: kube-prometheus-stack's {@code grafana.sidecar.dashboards.label}/{@code labelValue}. */
    public static final SortedMap<String, String> DEFAULT_LABELS = java.util.Collections.unmodifiableSortedMap(
            new java.util.TreeMap<>(java.util.Map.of("grafana_dashboard", "1")));
}
