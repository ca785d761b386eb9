package dev.shipshape.policy;

import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.policy.report.TextReport;
import dev.shipshape.spec.Exemption;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyEngineTest {

    private static final PolicyEngine ENGINE = PolicyEngine.builder().build();

    @Test
    void latestImageFailsImageTagPinnedAtTheSpecLocation() throws SpecException {
        PolicyReport report = ENGINE.evaluate(TestModels.model("x:latest", List.of()));
        List<Finding> pinned = report.findings().stream().filter(f -> f.ruleId().equals("image-tag-pinned")).toList();
        assertEquals(1, pinned.size(), "one finding, listing every environment that has it: " + pinned);
        Finding finding = pinned.get(0);
        assertEquals(Severity.ERROR, finding.severity());
        assertEquals(TestModels.API_IMAGE, finding.location());
        assertEquals("api", finding.container());
        assertEquals("api", finding.component());
        assertTrue(finding.environments().size() >= 2 && finding.environments().contains("production"), finding.environments().toString());
        assertEquals(finding.environments().stream().sorted().toList(), finding.environments());
        assertTrue(report.fails(Severity.ERROR));
        String line = new TextReport(new ReportPaths(Path.of(""))).line(finding);
        assertTrue(line.startsWith("specs/acme.yaml:47:7: error image-tag-pinned: container api uses image x:latest"), line);
        assertTrue(line.contains("(Deployment/acme/api container api in " + String.join(", ", finding.environments()) + ") \u2014 Write the image"), line);
    }

    @Test
    void exemptionSuppressesButKeepsAndCountsTheFinding() throws SpecException {
        Exemption exemption = new Exemption("image-tag-pinned", "api", "api", "a mirror pins latest by policy", new Location(TestModels.SPEC, 80, 5));
        PolicyReport report = ENGINE.evaluate(TestModels.model("x:latest", List.of(exemption)));
        List<Finding> pinned = report.findings().stream().filter(f -> f.ruleId().equals("image-tag-pinned")).toList();
        assertEquals(1, pinned.size(), "one finding for both environments: " + pinned);
        assertTrue(pinned.get(0).environments().size() >= 2, pinned.toString());
        assertTrue(pinned.stream().allMatch(Finding::suppressed));
        assertEquals(Suppression.of(exemption), pinned.get(0).suppression());
        assertTrue(report.suppressedCount() >= 1);
        assertTrue(report.summary().matches("policy: \\d+ errors?, \\d+ warnings?, \\d+ info, \\d+ suppressed"), report.summary());
        assertEquals(0, report.findings().stream().filter(f -> f.ruleId().equals("image-tag-pinned") && !f.suppressed()).count());
    }

    @Test
    void exemptionForAnotherContainerDoesNotSuppress() throws SpecException {
        Exemption exemption = new Exemption("image-tag-pinned", "api", "sidecar", "only the sidecar", new Location(TestModels.SPEC, 80, 5));
        PolicyReport report = ENGINE.evaluate(TestModels.model("x:latest", List.of(exemption)));
        assertTrue(report.findings().stream().anyMatch(f -> f.ruleId().equals("image-tag-pinned") && !f.suppressed()));
    }

    @Test
    void exemptionWithoutReasonIsAnErrorAtItsLocation() {
        Exemption blank = new Exemption("image-tag-pinned", "api", null, "  ", new Location(TestModels.SPEC, 80, 5));
        SpecException e = assertThrows(SpecException.class, () -> ENGINE.evaluate(TestModels.model("x:1.0", List.of(blank))));
        assertTrue(e.getMessage().startsWith("specs/acme.yaml:80:5: error: the exemption from rule 'image-tag-pinned'"), e.getMessage());
        assertTrue(e.getMessage().contains("has no reason"), e.getMessage());
    }

    @Test
    void exemptionOfUnknownRuleIsAnError() {
        Exemption typo = new Exemption("image-tag-pined", "api", null, "reason", new Location(TestModels.SPEC, 80, 5));
        SpecException e = assertThrows(SpecException.class, () -> ENGINE.evaluate(TestModels.model("x:1.0", List.of(typo))));
        assertTrue(e.getMessage().contains("rule 'image-tag-pined', which does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean `image-tag-pinned`?"), e.getMessage());
    }

    @Test
    void pinnedImagePassesImageTagPinned() throws SpecException {
        PolicyReport report = ENGINE.evaluate(TestModels.model("ghcr.io/acme/api:1.4.2", List.of()));
        assertFalse(report.findings().stream().anyMatch(f -> f.ruleId().equals("image-tag-pinned")));
    }

    @Test
    void severityOverrideDisableAndEnable() throws SpecException {
        PolicyEngine engine = PolicyEngine.builder().severity("image-tag-pinned", Severity.WARNING)
                .disable("image-digest").enable("cpu-limit").build();
        PolicyReport report = engine.evaluate(TestModels.model("x:latest", List.of()));
        assertTrue(report.findings().stream().filter(f -> f.ruleId().equals("image-tag-pinned")).allMatch(f -> f.severity() == Severity.WARNING));
        assertFalse(report.findings().stream().anyMatch(f -> f.ruleId().equals("image-digest")));
        assertTrue(report.findings().stream().anyMatch(f -> f.ruleId().equals("cpu-limit")));
        assertFalse(ENGINE.rules().stream().anyMatch(r -> r.id().equals("cpu-limit")), "cpu-limit is off by default");
    }

    @Test
    void parametersOverrideDefaults() throws SpecException {
        PolicyEngine engine = PolicyEngine.builder().parameters("allowed-registries", java.util.Map.of("allowedRegistries", List.of("ghcr.io/acme/"))).build();
        PolicyReport report = engine.evaluate(TestModels.model("docker.io/acme/api:1.4.2", List.of()));
        assertTrue(report.findings().stream().anyMatch(f -> f.ruleId().equals("allowed-registries")));
    }

    @Test
    void unknownRuleInConfigurationIsAnError() {
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyEngine.builder().disable("no-such-rule").build());
        assertTrue(e.getMessage().contains("[no-such-rule]"), e.getMessage());
    }

    @Test
    void ruleWhoseCelDoesNotCompileNamesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, rule("broken", "objects: [Deployment]", "object.spec.replicas >"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyEngine.builder().ruleDirectory(dir).build());
        assertTrue(e.getMessage().startsWith(file + ": rule 'broken', check 1 expression does not compile"), e.getMessage());
    }

    @Test
    void objectRuleMayNotSeeOtherObjects(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("peek.yaml"), rule("peek", "objects: [Deployment]", "size(objects) > 0"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyEngine.builder().ruleDirectory(dir).build());
        assertTrue(e.getMessage().contains("use target 'set'"), e.getMessage());
    }

    @Test
    void userRuleRunsBesideTheDefaults(@TempDir Path dir) throws IOException, SpecException {
        Files.writeString(dir.resolve("team-label.yaml"), rule("team-label", "objects: [Deployment]",
                "'team' in object.metadata.?labels.orValue({})"));
        PolicyEngine engine = PolicyEngine.builder().ruleDirectory(dir).build();
        assertTrue(engine.evaluate(TestModels.model("x:1.0", List.of())).findings().stream().anyMatch(f -> f.ruleId().equals("team-label")));
    }

    @Test
    void duplicateRuleIdIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("image-digest.yaml"), rule("image-digest", "objects: [Deployment]", "true"));
        PolicyException e = assertThrows(PolicyException.class, () -> PolicyEngine.builder().ruleDirectory(dir).build());
        assertTrue(e.getMessage().contains("is already defined by"), e.getMessage());
    }

    @Test
    void ruleFileErrorsNameTheFile() {
        RuleLoader loader = new RuleLoader();
        assertTrue(assertThrows(PolicyException.class, () -> loader.load("other.yaml", "x/other.yaml",
                rule("some-rule", "objects: [Deployment]", "true"))).getMessage().contains("must be named some-rule.yaml"));
        assertTrue(assertThrows(PolicyException.class, () -> loader.load("some-rule.yaml", "x/some-rule.yaml",
                rule("some-rule", "objects: [Deployment]", "true") + "sevrity: error\n")).getMessage().contains("unknown field 'sevrity'"));
        assertTrue(assertThrows(PolicyException.class, () -> loader.load("some-rule.yaml", "x/some-rule.yaml",
                rule("some-rule", "objects: [Deployment]", "object.?spec.?replicas.orValue(1) > 0"))).getMessage().contains("chained optional"));
    }

    private static String rule(String id, String target, String expression) {
        return "id: " + id + "\nseverity: error\ntitle: t\nrationale: r\nremediation: fix it\n"
                + "documentation: https://kubernetes.io/docs/\nsources: [test]\ntarget: {" + target + "}\n"
                + "checks:\n  - expression: \"" + expression.replace("\"", "\\\"") + "\"\n    message: m\n";
    }
}
