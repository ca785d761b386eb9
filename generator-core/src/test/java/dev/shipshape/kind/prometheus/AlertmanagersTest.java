package dev.shipshape.kind.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.testing.InlineSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application's Prometheus sends its alerts to the Alertmanagers the spec names, and may reach them. */
class AlertmanagersTest {

    @TempDir
    Path dir;

    private List<HasMetadata> objects(String prometheus) throws Exception {
        return InlineSpec.application("shop").model(dir, """
                components:
                  metrics:
                    type: prometheus
                """ + prometheus.indent(4)).defaults();
    }

    private static JsonNode configuration(List<HasMetadata> objects) throws Exception {
        ConfigMap config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("metrics-config")).findFirst().orElseThrow();
        return new YAMLMapper().readTree(config.getData().get("prometheus.yml"));
    }

    @Test
    void eachAlertmanagerIsAStaticTargetWithItsSchemeAndPath() throws Exception {
        List<HasMetadata> objects = objects("""
                alertmanagers:
                  - http://alertmanager-operated.monitoring.svc:9093
                  - https://alerts.example.com/am
                """);
        JsonNode alertmanagers = configuration(objects).path("alerting").path("alertmanagers");
        assertEquals(2, alertmanagers.size(), alertmanagers.toString());
        assertEquals("http", alertmanagers.get(0).path("scheme").asText());
        assertEquals("alertmanager-operated.monitoring.svc:9093", alertmanagers.get(0).path("static_configs").get(0).path("targets").get(0).asText());
        assertTrue(alertmanagers.get(0).path("path_prefix").isMissingNode(), alertmanagers.toString());
        assertEquals("https", alertmanagers.get(1).path("scheme").asText());
        assertEquals("/am", alertmanagers.get(1).path("path_prefix").asText());
        assertEquals("alerts.example.com:443", alertmanagers.get(1).path("static_configs").get(0).path("targets").get(0).asText());

        NetworkPolicy policy = objects.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(p -> p.getMetadata().getName().equals("metrics")).findFirst().orElseThrow();
        assertTrue(policy.getSpec().getEgress().stream().anyMatch(rule -> rule.getPorts().get(0).getPort().getIntVal() == 9093
                && rule.getTo().get(0).getNamespaceSelector() != null), policy.getSpec().getEgress().toString());
    }

    @Test
    void withoutAlertmanagersThereIsNoAlertingSection() throws Exception {
        assertFalse(configuration(objects("retention: 7d")).has("alerting"));
    }
}
