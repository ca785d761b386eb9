package dev.shipshape.policy.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyEngine;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.Severity;
import dev.shipshape.spec.Exemption;
import dev.shipshape.spec.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest {

    private static final Path PROJECT = Path.of("/work/project").toAbsolutePath();
    private static final ReportPaths PATHS = new ReportPaths(PROJECT);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Findings of real rules: an error, a warning, a suppressed error, and a spec finding without object. */
    private static PolicyReport report() {
        PolicyEngine engine = PolicyEngine.builder().build();
        Location image = new Location(PROJECT.resolve("specs/acme.yaml"), 47, 7);
        ObjectKey api = new ObjectKey("apps/v1", "Deployment", "acme", "api");
        Exemption exemption = new Exemption("read-only-root-filesystem", "api", null, "nginx writes its cache to /var/cache",
                new Location(PROJECT.resolve("specs/acme.yaml"), 90, 5));
        List<Finding> findings = List.of(
                new Finding("image-tag-pinned", Severity.ERROR, "container api uses image x:latest without a pinned version tag",
                        "Pin it.", "https://kubernetes.io/docs/concepts/containers/images/", api, "api", "api", "production", image, null),
                new Finding("image-digest", Severity.WARNING, "container api uses image x:latest without a @sha256 digest",
                        "Add a digest.", "https://kubernetes.io/docs/concepts/containers/images/", api, "api", "api", "production", image, null),
                new Finding("read-only-root-filesystem", Severity.WARNING, "container api has a writable root filesystem & <more>",
                        "Set it.", "https://kubernetes.io/docs/", api, "api", "api", "production", image, null).suppressedBy(exemption),
                new Finding("backup-exists", Severity.ERROR, "component db is a database without backup",
                        "Add backup.", "https://www.postgresql.org/docs/current/backup-dump.html", null, null, "db", "production",
                        new Location(PROJECT.resolve("specs/acme.yaml"), 75, 5), null));
        return new PolicyReport(engine.rules(), findings);
    }

    @Test
    void sarifValidatesAgainstTheSarif210Schema() throws Exception {
        JsonNode sarif = JSON.readTree(new SarifReport(PATHS, "0.1.0").render(report()));
        JsonSchema schema;
        try (InputStream in = ReportsTest.class.getResourceAsStream("sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(sarif);
        assertEquals(Set.of(), errors);
        JsonNode run = sarif.path("runs").get(0);
        assertEquals(report().rules().size(), run.path("tool").path("driver").path("rules").size(), "every rule is listed");
        JsonNode rule = run.path("tool").path("driver").path("rules").get(0);
        assertTrue(rule.path("helpUri").asText().startsWith("https://"));
        assertTrue(rule.path("help").path("text").isTextual());
        assertTrue(rule.path("defaultConfiguration").path("level").isTextual());
        JsonNode first = run.path("results").get(0);
        JsonNode physical = first.path("locations").get(0).path("physicalLocation");
        assertEquals("specs/acme.yaml", physical.path("artifactLocation").path("uri").asText());
        Set<String> levels = new java.util.TreeSet<>();
        run.path("results").forEach(r -> levels.add(r.path("level").asText()));
        assertEquals(Set.of("error", "warning"), levels);
        JsonNode suppressed = null;
        for (JsonNode result : run.path("results")) {
            if (result.has("suppressions")) {
                suppressed = result;
            }
        }
        assertEquals("read-only-root-filesystem", suppressed.path("ruleId").asText());
        assertEquals("nginx writes its cache to /var/cache", suppressed.path("suppressions").get(0).path("justification").asText());
    }

    @Test
    void junitXmlParsesWithASuitePerRuleAndFailuresAtTheFailLevel() throws Exception {
        PolicyReport report = report();
        String xml = new JunitReport(PATHS, Severity.ERROR).render(report);
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        NodeList suites = document.getElementsByTagName("testsuite");
        assertEquals(report.rules().size(), suites.getLength());
        assertEquals(2, document.getElementsByTagName("failure").getLength(), "the two errors fail");
        assertEquals(1, document.getElementsByTagName("skipped").getLength(), "the suppressed finding is skipped");
        Element root = document.getDocumentElement();
        assertEquals("2", root.getAttribute("failures"));
        String warningsFail = new JunitReport(PATHS, Severity.WARNING).render(report);
        assertEquals(3, DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(warningsFail.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getElementsByTagName("failure").getLength());
    }

    @Test
    void textJsonAndSummary() throws Exception {
        PolicyReport report = report();
        List<String> lines = new TextReport(PATHS).lines(report);
        assertEquals(5, lines.size());
        assertTrue(lines.contains("specs/acme.yaml:47:7: error image-tag-pinned: container api uses image x:latest without a pinned version tag"
                + " (Deployment/acme/api container api in production) \u2014 Pin it."), String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("[suppressed: nginx writes its cache to /var/cache]")));
        assertEquals("policy: 2 errors, 1 warning, 0 info, 1 suppressed", lines.get(lines.size() - 1));
        JsonNode json = JSON.readTree(new JsonReport(PATHS).render(report));
        assertEquals(2, json.path("summary").path("error").asInt());
        assertEquals(1, json.path("summary").path("suppressed").asInt());
        assertEquals(4, json.path("findings").size());
    }

    @Test
    void writerWritesEveryFormatDeterministically(@TempDir Path dir) throws Exception {
        ReportWriter writer = new ReportWriter(PATHS, Severity.ERROR, "0.1.0");
        List<Path> first = writer.write(report(), dir.resolve("a"));
        List<Path> second = writer.write(report(), dir.resolve("b"));
        assertEquals(4, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertEquals(Files.readString(first.get(i)), Files.readString(second.get(i)));
            assertTrue(!Files.readString(first.get(i)).contains("\r"));
        }
    }
}
