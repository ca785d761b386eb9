package dev.shipshape.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spec.monitoring.grafanaDashboard} on acme (seeds 001 and 002): one dashboard ConfigMap for
 * the Grafana sidecar whose panels read exactly the signals the alert rules compare (the same
 * strings, from one source), every expression valid PromQL ({@code promtool check rules} on them
 * as recording rules), a Grafana JSON model with a templated Prometheus data source.
 */
class DashboardsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ApplicationModel acme() throws Exception {
        return new ModelBuilder().build(new SpecLoader().load(RepositoryRoot.path().resolve("specs/acme.yaml")));
    }

    private static ConfigMap dashboard(List<HasMetadata> objects) {
        return (ConfigMap) objects.stream().filter(o -> o.getKind().equals("ConfigMap") && o.getMetadata().getName().equals("acme-dashboard"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap acme-dashboard"));
    }

    @Test
    void oneDashboardForTheGrafanaSidecarWithAGrafanaJsonModel() throws Exception {
        ConfigMap config = dashboard(acme().environments().get("production"));
        assertEquals("acme", config.getMetadata().getNamespace());
        assertEquals("1", config.getMetadata().getLabels().get("grafana_dashboard"), "kube-prometheus-stack's sidecar label");
        assertEquals(Set.of("acme.json"), config.getData().keySet());
        JsonNode model = JSON.readTree(config.getData().get("acme.json"));

        assertEquals(Dashboards.SCHEMA_VERSION, model.path("schemaVersion").asInt());
        assertEquals("acme-shipshape", model.path("uid").asText());
        JsonNode variable = model.at("/templating/list/0");
        assertEquals(List.of("datasource", "datasource", "prometheus"),
                List.of(variable.path("name").asText(), variable.path("type").asText(), variable.path("query").asText()));
        Set<Integer> ids = new TreeSet<>();
        List<String> rows = new ArrayList<>();
        for (JsonNode panel : model.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("id"));
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("w").asInt() > 0 && grid.path("h").asInt() > 0 && grid.path("x").asInt() + grid.path("w").asInt() <= 24, panel.toString());
            if (panel.path("type").asText().equals("row")) {
                rows.add(panel.path("title").asText());
                continue;
            }
            assertEquals("timeseries", panel.path("type").asText());
            assertEquals("${datasource}", panel.at("/datasource/uid").asText(), panel.path("title").asText());
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            panel.path("targets").forEach(target -> assertEquals("${datasource}", target.at("/datasource/uid").asText()));
        }
        assertEquals(List.of("api", "db", "metrics", "ui"), rows, "a row per component, in component order");
        assertFalse(config.getData().get("acme.json").contains("{{"), "nothing Helm would read as a template action");
    }

    @Test
    void everyComponentHasItsPanelsOnTheAlertsOwnSignals() throws Exception {
        ApplicationModel acme = acme();
        List<HasMetadata> production = acme.environments().get("production");
        Map<String, List<String>> titles = panelTitlesByRow(JSON.readTree(dashboard(production).getData().get("acme.json")));
        assertEquals(List.of("TargetDown", "WorkloadUnavailable", "FrequentRestarts", "CertificateExpiringSoon", "HighErrorRate", "HighLatency",
                "Request rate", "CPU use / requests", "Memory use / requests", "Replicas"), titles.get("api"));
        assertTrue(titles.get("db").containsAll(List.of("WorkloadUnavailable", "FrequentRestarts", "BackupTooOld", "CPU use / requests",
                "Memory use / requests")), titles.get("db").toString());

        // the panels read the very expressions the alerts compare: every alert with a signal has a
        // panel target equal to the signal, and the alert's expr is that signal and its threshold
        JsonNode rule = new YAMLMapper().valueToTree(production.stream().filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow());
        Set<String> exprs = expressions(JSON.readTree(dashboard(production).getData().get("acme.json")));
        int compared = 0;
        for (JsonNode group : rule.at("/spec/groups")) {
            for (JsonNode alert : group.path("rules")) {
                String expr = alert.path("expr").asText();
                String signal = exprs.stream().filter(e -> expr.startsWith(e + " ")).findFirst().orElse(null);
                if (signal != null) {
                    compared++;
                    assertTrue(expr.substring(signal.length()).matches(" (>|<|==) [0-9.]+"), expr);
                }
            }
        }
        assertTrue(compared >= 12, "the alerts whose signal a panel plots: " + compared);
    }

    @Test
    void everyExpressionIsValidPromQl(@TempDir Path dir) throws Exception {
        Set<String> exprs = expressions(JSON.readTree(dashboard(acme().environments().get("production")).getData().get("acme.json")));
        List<Map<String, String>> records = new ArrayList<>();
        int i = 0;
        for (String expr : exprs) {
            records.add(Map.of("record", "shipshape:dashboard_panel_" + i++, "expr", expr));
        }
        Path rules = Files.writeString(dir.resolve("dashboard.rules.yml"),
                new YAMLMapper().writeValueAsString(Map.of("groups", List.of(Map.of("name", "dashboard", "rules", records)))), StandardCharsets.UTF_8);
        Process promtool = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, promtool.waitFor(), output);
        assertTrue(output.contains("SUCCESS: " + exprs.size() + " rules found"), output);
    }

    @Test
    void theSidecarLabelIsSettableAndTheDashboardOptIn(@TempDir Path dir) throws Exception {
        String spec = Files.readString(RepositoryRoot.path().resolve("specs/acme.yaml"));
        Path labelled = Files.writeString(dir.resolve("acme.yaml"), spec.replace("grafanaDashboard: {}", "grafanaDashboard: { labels: { dashboards: acme } }"));
        ConfigMap config = dashboard(new ModelBuilder().build(new SpecLoader().load(labelled)).environments().get("production"));
        assertEquals("acme", config.getMetadata().getLabels().get("dashboards"));
        assertFalse(config.getMetadata().getLabels().containsKey("grafana_dashboard"));

        Path without = Files.writeString(dir.resolve("acme.yaml"), spec.replace("grafanaDashboard: {}", ""));
        assertTrue(new ModelBuilder().build(new SpecLoader().load(without)).environments().get("production").stream()
                .noneMatch(o -> o.getMetadata().getName().equals("acme-dashboard")), "no dashboard unless asked for");
    }

    private static Map<String, List<String>> panelTitlesByRow(JsonNode model) {
        Map<String, List<String>> titles = new TreeMap<>();
        String row = null;
        for (JsonNode panel : model.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                row = panel.path("title").asText();
                titles.put(row, new ArrayList<>());
            } else {
                titles.get(row).add(panel.path("title").asText());
            }
        }
        return titles;
    }

    private static Set<String> expressions(JsonNode model) {
        Set<String> exprs = new TreeSet<>();
        model.path("panels").forEach(panel -> panel.path("targets").forEach(target -> exprs.add(target.path("expr").asText())));
        return exprs;
    }
}
