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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The rendered alert rules pass Prometheus's own checker, {@code promtool check rules}
 * (Debian package {@code prometheus}). Skipped, with that message, where promtool is not installed.
 */
class PromtoolTest {

    @Test
    void rulesFilePassesPromtool(@TempDir Path dir) throws Exception {
        assumeTrue(promtoolInstalled(), "promtool is not installed (Debian package prometheus); rules not checked");
        ConfigMap config = ModelObjects.get(new ModelBuilder().build(AcmeSpec.spec()).defaults(), ConfigMap.class, "metrics-config");
        Path rules = Files.writeString(dir.resolve("rules.yml"), config.getData().get(PrometheusObjects.RULES_FILE));

        Process promtool = new ProcessBuilder("promtool", "check", "rules", rules.toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, promtool.waitFor(), output);
    }

    private static boolean promtoolInstalled() {
        try {
            return new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
