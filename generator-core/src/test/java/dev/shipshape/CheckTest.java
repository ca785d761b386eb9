package dev.shipshape;

import dev.shipshape.output.Drift;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyViolationException;
import dev.shipshape.policy.RepositoryRoot;
import dev.shipshape.policy.Severity;
import dev.shipshape.policy.Suppression;
import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecProblem;
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

/**
 * The CI gate on real specs: the shipped specs and their committed output pass; a mutated copy
 * of a shipped spec, an exemption and a tampered output directory fail as a user would see it.
 */
class CheckTest {

    private static final Path ROOT = RepositoryRoot.path();
    private static final Shipshape SHIPSHAPE = new Shipshape();

    @TempDir
    Path temp;

    @Test
    void shippedSpecsAndTheCommittedOutputPass() throws Exception {
        CheckResult result = SHIPSHAPE.check(Shipshape.findSpecs(ROOT.resolve("specs")), ROOT.resolve("output"));

        assertEquals(List.of(), result.problems());
        assertEquals(List.of(), result.drift(), "the committed output is stale: run mvn -B -o -q install -DskipTests at the root");
        assertEquals(List.of(), result.policy().findings().stream().filter(f -> !f.suppressed() && f.severity() == Severity.ERROR)
                .map(Finding::toString).toList());
        assertTrue(result.passed(), result.summary());
        assertTrue(result.summary().startsWith("shipshape check: 0 errors, "), result.summary());
        assertTrue(result.summary().endsWith(" suppressed, 0 drifted files"), result.summary());
    }

    @Test
    void theAcmeSolverPolicyIsSuppressedByTheGeneratorNotDropped() throws Exception {
        CheckResult result = SHIPSHAPE.check(List.of(copyOfShipped("acme.yaml")), temp.resolve("output"));

        List<Finding> dangling = result.policy().findings().stream()
                .filter(f -> f.ruleId().equals("network-policy-not-dangling")).toList();
        assertEquals(1, dangling.size(), dangling.toString());
        Finding solver = dangling.get(0);
        assertEquals("NetworkPolicy/acme/acme-http01-solver", solver.object().toString());
        assertEquals(Suppression.Source.GENERATOR, solver.suppression().source());
        assertTrue(solver.suppression().reason().contains("exist only while a certificate is being issued"), solver.suppression().reason());
        assertTrue(result.policy().suppressedCount() >= 1);
        String line = result.text(new ReportPaths(temp)).stream().filter(l -> l.contains("acme-http01-solver")).findFirst().orElseThrow();
        assertTrue(line.endsWith("[suppressed by shipshape: " + solver.suppression().reason() + "]"), line);
    }

    @Test
    void latestImageFailsImageTagPinnedAtTheImageLineOfTheComponentThatDeclaresIt() throws Exception {
        Path spec = copyOfShipped("acme.yaml");
        Files.writeString(spec, Files.readString(spec).replace("image: acme/api:1.4.2", "image: x:latest"));
        Location api = locationOf(spec, "      image: x:latest", "x:latest");

        CheckResult result = SHIPSHAPE.check(List.of(spec), temp.resolve("output"));

        assertFalse(result.passed());
        Finding pinned = result.policy().findings().stream().filter(f -> f.ruleId().equals("image-tag-pinned")).findFirst().orElseThrow();
        assertEquals(api, pinned.location());
        assertEquals(Severity.ERROR, pinned.severity());
        String expected = "specs/acme.yaml:" + api.line() + ":" + api.column() + ": error image-tag-pinned: container api uses image x:latest";
        assertTrue(result.text(new ReportPaths(temp)).stream().anyMatch(l -> l.startsWith(expected)),
                String.join("\n", result.text(new ReportPaths(temp))));

        PolicyViolationException refused = assertThrows(PolicyViolationException.class,
                () -> SHIPSHAPE.generate(List.of(spec), temp.resolve("output")));
        assertTrue(refused.getMessage().contains(":" + api.line() + ":" + api.column() + ": error image-tag-pinned: "), refused.getMessage());
        assertFalse(Files.exists(temp.resolve("output")), "nothing is written");
    }

    @Test
    void anExemptionWithoutAReasonIsAnErrorAtItsLocation() throws Exception {
        Path spec = copyOfShipped("acme.yaml");
        Files.writeString(spec, Files.readString(spec) + "  exemptions:\n    - rule: image-digest\n      component: api\n");

        CheckResult result = SHIPSHAPE.check(List.of(spec), temp.resolve("output"));

        assertFalse(result.passed());
        SpecProblem problem = result.problems().get(0);
        assertEquals(locationOf(spec, "    - rule: image-digest", "rule"), problem.location());
        assertTrue(problem.message().contains("reason"), problem.message());
        assertTrue(result.summary().startsWith("shipshape check: 1 error, 0 warnings, 0 info, 0 suppressed, 0 drifted files"), result.summary());
        assertTrue(result.report(new ReportPaths(temp)).findings().stream().anyMatch(f -> f.ruleId().equals("spec-valid")
                && f.location().equals(problem.location())));
    }

    @Test
    void anExemptionSuppressesAndIsCounted() throws Exception {
        Path spec = copyOfShipped("acme.yaml");
        CheckResult before = SHIPSHAPE.check(List.of(spec), temp.resolve("output"));
        Files.writeString(spec, Files.readString(spec)
                + "  exemptions:\n    - rule: image-digest\n      component: api\n      reason: the registry is immutable\n");

        CheckResult after = SHIPSHAPE.check(List.of(spec), temp.resolve("output"));

        List<Finding> digest = after.policy().findings().stream()
                .filter(f -> f.ruleId().equals("image-digest") && "api".equals(f.component())).toList();
        assertFalse(digest.isEmpty());
        assertTrue(digest.stream().allMatch(f -> f.suppressed() && f.suppression().source() == Suppression.Source.SPEC
                && f.suppression().reason().equals("the registry is immutable")));
        assertEquals(before.policy().suppressedCount() + digest.size(), after.policy().suppressedCount());
        assertEquals(before.policy().count(Severity.WARNING) - digest.size(), after.policy().count(Severity.WARNING));
        assertTrue(after.summary().contains(", " + after.policy().suppressedCount() + " suppressed, "), after.summary());
    }

    @Test
    void aHandEditIsReportedByFileName() throws Exception {
        Path spec = copyOfShipped("acme.yaml");
        Path output = temp.resolve("output");
        SHIPSHAPE.generate(List.of(spec), output);
        assertEquals(List.of(), SHIPSHAPE.check(List.of(spec), output).drift(), "fresh output has no drift");
        Path deployment = output.resolve("acme/kustomize/base/deployment-api.yaml");
        Files.writeString(deployment, Files.readString(deployment).replace("maxUnavailable: 0", "maxUnavailable: 1"));

        CheckResult result = SHIPSHAPE.check(List.of(spec), output);

        assertEquals(List.of(new Drift("acme/kustomize/base/deployment-api.yaml", Drift.Kind.EDITED)), result.drift());
        assertFalse(result.passed());
        assertTrue(result.text(new ReportPaths(temp)).contains(
                "drift: output/acme/kustomize/base/deployment-api.yaml was edited by hand; move the change into the spec, delete the file and regenerate with mvn shipshape:generate"),
                String.join("\n", result.text(new ReportPaths(temp))));
        assertTrue(result.summary().endsWith(", 1 drifted file"), result.summary());
    }

    @Test
    void missingUnexpectedAndStaleFilesAreDriftAndForeignFilesAreNot() throws Exception {
        Path acme = copyOfShipped("acme.yaml");
        Path todoozle = copyOfShipped("todoozle.yaml");
        Path output = temp.resolve("output");
        SHIPSHAPE.generate(List.of(acme, todoozle), output);
        Files.delete(output.resolve("acme/kustomize/base/service-api.yaml"));
        Files.writeString(output.resolve("acme/NOTES.md"), "a file of the team's own\n");
        Files.writeString(acme, Files.readString(acme).replace("version: 1.4.2", "version: 1.4.3"));

        CheckResult result = SHIPSHAPE.check(List.of(acme), output);

        assertTrue(result.drift().contains(new Drift("acme/kustomize/base/service-api.yaml", Drift.Kind.MISSING)), result.drift().toString());
        assertTrue(result.drift().contains(new Drift("todoozle/kustomize/base/kustomization.yaml", Drift.Kind.UNEXPECTED)), result.drift().toString());
        assertTrue(result.drift().contains(new Drift("acme/kustomize/base/namespace-acme.yaml", Drift.Kind.STALE)), result.drift().toString());
        assertTrue(result.drift().stream().noneMatch(d -> d.path().equals("acme/NOTES.md")));
        assertTrue(result.drift().stream().noneMatch(d -> d.kind() == Drift.Kind.EDITED), result.drift().toString());
        List<String> lines = result.text(new ReportPaths(temp));
        assertTrue(lines.contains("drift: output/acme/kustomize/base/service-api.yaml is missing; regenerate with mvn shipshape:generate"));
        assertTrue(lines.contains("drift: output/todoozle/kustomize/base/kustomization.yaml is no longer generated from the specs; "
                + "regenerate with mvn shipshape:generate"));
    }

    @Test
    void anEmptyOutputDirectoryIsAllMissing() throws Exception {
        CheckResult result = SHIPSHAPE.check(List.of(copyOfShipped("acme.yaml")), temp.resolve("output"));
        assertFalse(result.drift().isEmpty());
        assertTrue(result.drift().stream().allMatch(d -> d.kind() == Drift.Kind.MISSING), result.drift().toString());
        assertTrue(result.drift().contains(new Drift("acme/kustomize/base/kustomization.yaml", Drift.Kind.MISSING)));
    }

    private Path copyOfShipped(String name) throws IOException {
        return ShippedSpecs.copy(ROOT, name, Files.createDirectories(temp.resolve("specs")).resolve(name));
    }

    /** The location of {@code token} on the only line that starts with {@code linePrefix}. */
    private static Location locationOf(Path file, String linePrefix, String token) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<Integer> matches = java.util.stream.IntStream.range(0, lines.size())
                .filter(i -> lines.get(i).startsWith(linePrefix)).boxed().toList();
        assertEquals(1, matches.size(), linePrefix);
        int line = matches.get(0);
        return new Location(file, line + 1, lines.get(line).indexOf(token) + 1);
    }
}
