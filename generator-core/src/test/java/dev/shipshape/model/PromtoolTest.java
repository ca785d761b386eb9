package dev.shipshape.model;

import dev.shipshape.kind.prometheus.PrometheusObjects;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rendered alert rules pass Prometheus's own checker, {@code promtool check rules}, and its
 * unit tests, {@code promtool test rules} (Debian package {@code prometheus}). Fails, never skips, where promtool is not installed:
 * {@code .ci/run} installs it.
 */
class PromtoolTest {

    /**
     * tasklane's promtool tests: one file per evaluation interval, which promtool sets per file and
     * which its cost follows (every rule is evaluated once per interval up to a test's last time).
     */
    private static final List<String> TASKLANE_TESTS = List.of("tasklane.test.yml", "tasklane-hours.test.yml");

    @Test
    void rulesFilePassesPromtool(@TempDir Path dir) throws Exception {
        ConfigMap config = ModelObjects.get(new ModelBuilder().build(AcmeSpec.spec()).defaults(), ConfigMap.class, "metrics-config");
        Path rules = Files.writeString(dir.resolve("rules.yml"), config.getData().get(PrometheusObjects.RULES_FILE));

        Process promtool = start("promtool", "check", "rules", rules.toString());
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, promtool.waitFor(), output);
        assertTrue(output.contains("SUCCESS") && !output.contains(" 0 rules found"), output);
    }

    /**
     * {@code promtool test rules} on {@code alerts/tasklane.test.yml} (alerts of minutes) and
     * {@code alerts/tasklane-hours.test.yml} (of hours and days, evaluated hourly): each alert of
     * tasklane's production rules (every shared and kind group: availability, HTTP, restarts,
     * backups, drills, certificates, jobs, cron jobs) fires on series that meet its condition and
     * resolves after. A rule without a test case in either file fails here, so a new alert comes
     * with its test.
     */
    @Test
    void everyAlertFiresAndResolves(@TempDir Path dir) throws Exception {
        ApplicationModel tasklane = new ModelBuilder().build(new SpecLoader().load(RepositoryRoot.path().resolve("specs/tasklane.yaml")));
        HasMetadata rule = tasklane.environments().get("production").stream().filter(o -> o.getKind().equals("PrometheusRule"))
                .findFirst().orElseThrow();
        YAMLMapper yaml = new YAMLMapper();
        JsonNode groups = yaml.valueToTree(rule).path("spec").path("groups");
        Files.writeString(dir.resolve("rules.yml"), yaml.writeValueAsString(Map.of("groups", groups)));
        Set<String> tested = new TreeSet<>();
        for (String file : TASKLANE_TESTS) {
            String tests;
            try (InputStream in = PromtoolTest.class.getResourceAsStream("/alerts/" + file)) {
                tests = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve(file), tests);
            yaml.readTree(tests).path("tests").forEach(test -> test.path("alert_rule_test").forEach(t -> tested.add(t.path("alertname").asText())));
        }
        Set<String> alerts = new TreeSet<>();
        groups.forEach(group -> group.path("rules").forEach(r -> alerts.add(r.path("alert").asText())));
        assertEquals(alerts, tested, "every alert of the rules has a promtool test case, and every case an alert");

        List<String> command = new ArrayList<>(List.of("promtool", "test", "rules"));
        command.addAll(TASKLANE_TESTS);
        Process promtool = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, promtool.waitFor(), output);
        assertEquals(TASKLANE_TESTS.size(), output.split("SUCCESS", -1).length - 1, "every test file passes: " + output);
    }

    /** {@code promtool test rules} on {@code alerts/cache.test.yml}: an in-cluster cache near its memory limit fires, then resolves. */
    @Test
    void theCacheMemoryAlertFiresAndResolves(@TempDir Path dir) throws Exception {
        assertRulesPass(dir, """
                monitoring: {}
                components:
                  sessions:
                    type: cache
                    version: "7.4"
                    resources: {cpu: 100m, memory: 256Mi}
                """, "cache.test.yml");
    }

    /**
     * {@code promtool test rules} on {@code alerts/pod-certificates.test.yml}: the certificate a pod
     * serves TLS with (in-pod TLS, no route) near its expiry, and not ready, each fires, then resolves.
     */
    @Test
    void theAlertsOfACertificateMountedInThePodFireAndResolve(@TempDir Path dir) throws Exception {
        assertRulesPass(dir, """
                monitoring: {}
                components:
                  api:
                    type: web
                    image: ghcr.io/example/api:1.0.0
                    ports:
                      https: {port: 8443, tls: {mountPath: /tls}}
                """, "pod-certificates.test.yml");
    }

    /**
     * Writes the production rules of the spec {@code body} ({@link InlineSpec}) to {@code rules.yml} and runs
     * {@code promtool test rules} on a test file from {@code alerts/}.
     */
    private static void assertRulesPass(Path dir, String body, String testFile) throws Exception {
        HasMetadata rule = InlineSpec.application("shop").model(dir, body).defaults().stream()
                .filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
        YAMLMapper yaml = new YAMLMapper();
        Files.writeString(dir.resolve("rules.yml"), yaml.writeValueAsString(Map.of("groups", yaml.valueToTree(rule).path("spec").path("groups"))));
        try (InputStream in = PromtoolTest.class.getResourceAsStream("/alerts/" + testFile)) {
            Files.write(dir.resolve(testFile), in.readAllBytes());
        }
        Process promtool = new ProcessBuilder("promtool", "test", "rules", testFile).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, promtool.waitFor(), output);
        assertTrue(output.contains("SUCCESS"), output);
    }

    private static Process start(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed (" + e.getMessage() + "): apt-get install prometheus, or run .ci/run, which installs it", e);
        }
    }
}
