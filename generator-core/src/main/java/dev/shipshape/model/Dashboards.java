package dev.shipshape.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shipshape.kind.web.WebComponent;
import dev.shipshape.kind.web.WebKind;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.GrafanaDashboard;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The application's Grafana dashboard ({@code spec.monitoring.grafanaDashboard}): one ConfigMap
 * {@code <app>-dashboard} in the application's namespace, labelled for the Grafana dashboard
 * sidecar (kube-prometheus-stack's default {@code grafana_dashboard: "1"}, searched in every
 * namespace), whose key {@code <app>.json} is a Grafana dashboard (schemaVersion {@value #SCHEMA_VERSION})
 * with a Prometheus data source variable {@code datasource} and one row per component:
 * <ul>
 *   <li>every alert of the component that compares a signal with a threshold ({@link AlertRule#signal}):
 *       the signal, with the alert's threshold drawn as a line — availability, HTTP error ratio and
 *       latency, restarts, backup and job age, certificate expiry, a kind's own — so a panel reads
 *       exactly the series and selectors its alert reads;</li>
 *   <li>a web component's request rate ({@link WebKind#requestRate}, the error-rate alert's denominator);</li>
 *   <li>saturation of a component with pods: CPU and memory use over requests (cAdvisor's
 *       {@code container_cpu_usage_seconds_total}, {@code container_memory_working_set_bytes};
 *       kube-state-metrics {@code kube_pod_container_resource_requests});</li>
 *   <li>replicas against the HorizontalPodAutoscaler's bounds when one scales the workload (kube-state-metrics
 *       {@code kube_horizontalpodautoscaler_spec_min_replicas} and {@code _max_replicas}).</li>
 * </ul>
 * Reference: https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/.
 * The JSON is written with sorted keys, so it is byte-identical for the same spec.
 */
public final class Dashboards {

    /** The Grafana dashboard JSON schema version written (Grafana 10.x and 11.x read it). */
    public static final int SCHEMA_VERSION = 39;

    /** The Prometheus data source of every panel: the dashboard's {@code datasource} variable. */
    private static final Map<String, Object> DATASOURCE = Map.of("type", "prometheus", "uid", "${datasource}");

    private static final int WIDTH = 12;
    private static final int HEIGHT = 8;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final Application app;
    private final AlertRules rules;

    /**
     * @param app   one view of the application
     * @param rules the alert rules of the same view
     */
    public Dashboards(Application app, AlertRules rules) {
        this.app = app;
        this.rules = rules;
    }

    /** The ConfigMap name: {@code <app>-dashboard}. */
    public static String configMapName(String app) {
        return app + "-dashboard";
    }

    /**
     * The dashboard ConfigMap.
     *
     * @param dashboard the sidecar's labels
     * @param labels    the application's labels
     * @param objects   the objects of the view so far (the HorizontalPodAutoscalers whose bounds are drawn)
     */
    public ConfigMap configMap(GrafanaDashboard dashboard, Metadata metadata, Map<String, String> labels, List<HasMetadata> objects) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putAll(dashboard.labels());
        return new ConfigMapBuilder()
                .withMetadata(metadata.of(configMapName(app.name()), all))
                .withData(Map.of(app.name() + ".json", json(objects)))
                .build();
    }

    /** The dashboard JSON model, keys sorted, ending in a newline. */
    String json(List<HasMetadata> objects) {
        Set<String> autoscaled = new java.util.TreeSet<>();
        objects.stream().filter(o -> o.getKind().equals("HorizontalPodAutoscaler")).forEach(o -> autoscaled.add(o.getMetadata().getName()));
        List<Map<String, Object>> panels = new ArrayList<>();
        Layout layout = new Layout();
        for (Component component : app.components()) {
            List<Map<String, Object>> row = panels(component, autoscaled);
            if (row.isEmpty()) {
                continue;
            }
            panels.add(layout.row(component.name()));
            row.forEach(panel -> panels.add(layout.place(panel)));
            layout.endRow();
        }
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("annotations", Map.of("list", List.of()));
        dashboard.put("description", "Generated by shipshape from the spec of " + app.name() + ": the signals its alerts read, per component.");
        dashboard.put("editable", false);
        dashboard.put("graphTooltip", 1);
        dashboard.put("links", List.of());
        dashboard.put("panels", panels);
        dashboard.put("refresh", "1m");
        dashboard.put("schemaVersion", SCHEMA_VERSION);
        dashboard.put("tags", List.of("shipshape", app.name()));
        dashboard.put("templating", Map.of("list", List.of(datasourceVariable())));
        dashboard.put("time", Map.of("from", "now-6h", "to", "now"));
        dashboard.put("timepicker", Map.of());
        dashboard.put("timezone", "utc");
        dashboard.put("title", app.name());
        dashboard.put("uid", app.name() + "-shipshape");
        dashboard.put("version", 1);
        try {
            return JSON.writeValueAsString(dashboard) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a dashboard of maps and lists always serializes", e);
        }
    }

    private List<Map<String, Object>> panels(Component component, Set<String> autoscaled) {
        List<Map<String, Object>> panels = new ArrayList<>();
        for (AlertRule rule : rules.rules()) {
            if (rule.component().equals(component.name()) && rule.signal() != null) {
                panels.add(panel(rule.alert(), rule.summary(), unit(rule), List.of(target(rule.signal(), rule.alert())), rule.threshold()));
            }
        }
        if (component instanceof WebComponent web && WebKind.requestRate(web, rules) != null) {
            panels.add(panel("Request rate", "requests per second (the error-rate alert's counter)", "reqps",
                    List.of(target(WebKind.requestRate(web, rules), "requests/s")), null));
        }
        if (component.workload().filter(workload -> rules.replicasSignal(workload) != null).isPresent()) {
            String container = rules.select("container", component.name());
            String cpuRequests = "sum(kube_pod_container_resource_requests" + rules.select("container", component.name(), "resource=\"cpu\"") + ")";
            String memoryRequests = "sum(kube_pod_container_resource_requests" + rules.select("container", component.name(), "resource=\"memory\"") + ")";
            panels.add(panel("CPU use / requests", "CPU used by the component's containers over the CPU they request", "percentunit",
                    List.of(target("sum(rate(container_cpu_usage_seconds_total" + container + "[5m])) / " + cpuRequests, "cpu")), "1"));
            panels.add(panel("Memory use / requests", "working-set memory of the component's containers over the memory they request",
                    "percentunit", List.of(target("sum(container_memory_working_set_bytes" + container + ") / " + memoryRequests, "memory")), "1"));
            // without an autoscaler the availability alert's panel already shows the serving replicas
            component.workload().filter(workload -> autoscaled.contains(workload.name())).ifPresent(workload -> {
                String hpa = rules.select("horizontalpodautoscaler", workload.name());
                panels.add(panel("Replicas", "serving replicas between the autoscaler's bounds", "short", List.of(
                        target(rules.replicasSignal(workload), "serving"),
                        target("kube_horizontalpodautoscaler_spec_min_replicas" + hpa, "autoscaler minimum"),
                        target("kube_horizontalpodautoscaler_spec_max_replicas" + hpa, "autoscaler maximum")), null));
            });
        }
        return panels;
    }

    /** The unit Grafana shows a signal in: seconds for latency, ages and expiry, a ratio for error rates. */
    private static String unit(AlertRule rule) {
        String signal = rule.signal();
        if (signal.startsWith("time() - ") || signal.endsWith(" - time()") || signal.startsWith("histogram_quantile(")) {
            return "s";
        }
        return signal.contains(") / ") ? "percentunit" : "short";
    }

    private static Map<String, Object> target(String expr, String legend) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("datasource", DATASOURCE);
        target.put("expr", expr);
        target.put("legendFormat", legend);
        target.put("refId", "A");
        return target;
    }

    private static Map<String, Object> panel(String title, String description, String unit, List<Map<String, Object>> targets, String threshold) {
        List<Map<String, Object>> refs = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Map<String, Object> target = new LinkedHashMap<>(targets.get(i));
            target.put("refId", String.valueOf((char) ('A' + i)));
            refs.add(target);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("color", "green");
        base.put("value", null);
        steps.add(base);
        if (threshold != null) {
            steps.add(Map.of("color", "red", "value", Double.parseDouble(threshold)));
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("custom", Map.of("thresholdsStyle", Map.of("mode", threshold == null ? "off" : "line")));
        defaults.put("thresholds", Map.of("mode", "absolute", "steps", steps));
        defaults.put("unit", unit);
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("datasource", DATASOURCE);
        panel.put("description", description);
        panel.put("fieldConfig", Map.of("defaults", defaults, "overrides", List.of()));
        panel.put("options", Map.of("legend", Map.of("displayMode", "list", "placement", "bottom", "showLegend", true),
                "tooltip", Map.of("mode", "multi", "sort", "none")));
        panel.put("targets", refs);
        panel.put("title", title);
        panel.put("type", "timeseries");
        return panel;
    }

    private static Map<String, Object> datasourceVariable() {
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("current", Map.of());
        variable.put("hide", 0);
        variable.put("includeAll", false);
        variable.put("label", "Data source");
        variable.put("multi", false);
        variable.put("name", "datasource");
        variable.put("options", List.of());
        variable.put("query", "prometheus");
        variable.put("refresh", 1);
        variable.put("regex", "");
        variable.put("type", "datasource");
        return variable;
    }

    /** Panel ids and grid positions: a full-width row per component, then its panels two per line. */
    private static final class Layout {
        private int id;
        private int y;
        private int column;

        Map<String, Object> row(String title) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("collapsed", false);
            row.put("gridPos", Map.of("h", 1, "w", 24, "x", 0, "y", y));
            row.put("id", ++id);
            row.put("panels", List.of());
            row.put("title", title);
            row.put("type", "row");
            y += 1;
            column = 0;
            return row;
        }

        Map<String, Object> place(Map<String, Object> panel) {
            Map<String, Object> placed = new LinkedHashMap<>(panel);
            placed.put("gridPos", Map.of("h", HEIGHT, "w", WIDTH, "x", column * WIDTH, "y", y));
            placed.put("id", ++id);
            if (++column == 2) {
                column = 0;
                y += HEIGHT;
            }
            return placed;
        }

        void endRow() {
            if (column != 0) {
                column = 0;
                y += HEIGHT;
            }
        }
    }
}
