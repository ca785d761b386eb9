package dev.shipshape.model;

import dev.shipshape.kind.prometheus.PrometheusObjects;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered alert rules pass Prometheus's own checker, {@code promtool check rules}
 * (Debian package {@code prometheus}). Fails, never skips, where promtool is not installed:
 * {@code .ci/run} installs it.
 */
class PromtoolTest {

    @Test
    void rulesFilePassesPromtool(@TempDir Path dir) throws Exception {
        ConfigMap config = ModelObjects.get(new ModelBuilder().build(AcmeSpec.spec()).defaults(), ConfigMap.class, "metrics-config");
        Path rules = Files.writeString(dir.resolve("rules.yml"), config.getData().get(PrometheusObjects.RULES_FILE));

        Process promtool = start("promtool", "check", "rules", rules.toString());
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, promtool.waitFor(), output);
        assertTrue(output.contains("SUCCESS") && !output.contains(" 0 rules found"), output);
    }

    private static Process start(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (" + e.getMessage() + "): apt-get install prometheus, or run .ci/run, which installs it", e);
        }
    }
}
