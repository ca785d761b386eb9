package dev.shipshape.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.kind.prometheus.PrometheusObjects;
import dev.shipshape.spec.SpecException;
import dev.shipshape.testing.InlineSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A web component's HTTP alerts read the series its metrics endpoint names, with its thresholds, or are switched off
 * (each rule read back from the rules file as {@code <alert> for <for>: <expr> | <summary>}).
 */
class HttpAlertsTest {

    @TempDir
    Path dir;

    private String rules(String metrics) throws Exception {
        ApplicationModel model = InlineSpec.application("shop").model(dir, """
                components:
                  api:
                    type: web
                    image: ghcr.io/example/api:1.0.0
                    port: 8080
                    metrics:
                  metrics:
                    type: prometheus
                """.replace("    metrics:\n  metrics:", "    metrics:\n" + metrics.indent(6) + "  metrics:"));
        String rulesFile = ModelObjects.get(model.defaults(), ConfigMap.class, "metrics-config").getData().get(PrometheusObjects.RULES_FILE);
        StringBuilder rules = new StringBuilder();
        for (JsonNode group : new YAMLMapper().readTree(rulesFile).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.append(rule.path("alert").asText()).append(" for ").append(rule.path("for").asText()).append(": ")
                        .append(rule.path("expr").asText()).append(" | ").append(rule.path("annotations").path("summary").asText()).append('\n');
            }
        }
        return rules.toString();
    }

    @Test
    void defaultsFollowThePrometheusClientLibraries() throws Exception {
        String rules = rules("path: /metrics");
        assertTrue(rules.contains("sum(rate(http_requests_total{namespace=\"shop\", job=\"api\", code=~\"5..\"}[5m])) / "
                + "sum(rate(http_requests_total{namespace=\"shop\", job=\"api\"}[5m])) > 0.05"), rules);
        assertTrue(rules.contains("histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{namespace=\"shop\", job=\"api\"}[5m]))) > 1.0"), rules);
    }

    @Test
    void micrometerSeriesAndOwnThresholds() throws Exception {
        String rules = rules("""
                path: /actuator/prometheus
                alerts:
                  errorRate:
                    requests: http_server_requests_seconds_count
                    errors: status=~"5..", outcome="SERVER_ERROR"
                    ratio: 0.01
                    for: 15m
                  latency:
                    histogram: http_server_requests_seconds
                    quantile: 0.95
                    seconds: 0.25
                """);
        assertTrue(rules.contains("sum(rate(http_server_requests_seconds_count{namespace=\"shop\", job=\"api\", status=~\"5..\", outcome=\"SERVER_ERROR\"}[5m]))"
                + " / sum(rate(http_server_requests_seconds_count{namespace=\"shop\", job=\"api\"}[5m])) > 0.01"), rules);
        assertTrue(rules.contains("HighErrorRate for 15m: "), rules);
        assertTrue(rules.contains("histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{namespace=\"shop\", job=\"api\"}[5m]))) > 0.25"), rules);
        assertTrue(rules.contains("api 95th percentile latency is above 0.25 s"), rules);
        assertTrue(rules.contains("api fails more than 1% of requests"), rules);
    }

    @Test
    void anAlertSwitchedOffIsNotEmitted() throws Exception {
        String rules = rules("""
                alerts:
                  latency:
                    enabled: false
                """);
        assertTrue(rules.contains("HighErrorRate"), rules);
        assertFalse(rules.contains("HighLatency"), rules);
    }

    @Test
    void aBucketSeriesAsHistogramIsAnErrorWithTheBaseName() {
        SpecException problem = assertThrows(SpecException.class, () -> rules("""
                alerts:
                  latency:
                    histogram: http_server_requests_seconds_bucket
                """));
        assertTrue(problem.getMessage().contains("Set histogram to `http_server_requests_seconds`"), problem.getMessage());
    }
}
