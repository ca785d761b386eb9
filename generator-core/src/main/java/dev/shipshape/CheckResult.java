package dev.shipshape;

import dev.shipshape.output.Drift;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.Rule;
import dev.shipshape.policy.Severity;
import dev.shipshape.policy.Target;
import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.policy.report.TextReport;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecProblem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link Shipshape#check} found: the CI gate's verdict. When a spec is invalid, only its
 * problems are known (nothing was compiled, so there is no policy finding and no drift).
 *
 * @param problems        spec problems (schema, cross-references, exemptions), sorted
 * @param policy          the policy findings on every model, suppressed ones included
 * @param drift           the output files that differ from what the specs compile to, sorted
 * @param outputDirectory the output directory that was compared
 * @param failOn          the lowest policy severity that fails
 */
public record CheckResult(List<SpecProblem> problems, PolicyReport policy, List<Drift> drift, Path outputDirectory,
                          Severity failOn) {

    /** The gate's own check that every spec is valid, as a rule in reports. */
    static final Rule SPEC_RULE = gateRule("spec-valid", "The spec is valid",
            "A spec that does not match the schema or refers to what it does not declare cannot be compiled.",
            "Fix the spec where the finding points, as its message says.",
            "https://github.com/shipshape-dev/shipshape/blob/main/docs/spec-reference.md");
    /** The gate's own check that the output is up to date, as a rule in reports. */
    static final Rule DRIFT_RULE = gateRule("output-drift", "The committed output is what the specs compile to",
            "Flux applies the committed output; a hand edit or a stale file deploys something no spec describes.",
            "Regenerate with mvn shipshape:generate and commit the output; change the spec, never a generated file.",
            "https://go.dev/s/generatedcode");

    public CheckResult {
        problems = problems.stream().sorted().toList();
        drift = drift.stream().sorted().toList();
    }

    /** True when no spec problem, no unsuppressed finding at or above {@code failOn} and no drift was found. */
    public boolean passed() {
        return problems.isEmpty() && !policy.fails(failOn) && drift.isEmpty();
    }

    /**
     * {@code shipshape check: 1 error, 64 warnings, 59 info, 5 suppressed, 1 drifted file} —
     * errors are spec problems and unsuppressed error findings.
     */
    public String summary() {
        long errors = problems.size() + policy.count(Severity.ERROR);
        long warnings = policy.count(Severity.WARNING);
        return "shipshape check: " + errors + (errors == 1 ? " error, " : " errors, ")
                + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                + policy.count(Severity.INFO) + " info, " + policy.suppressedCount() + " suppressed, "
                + drift.size() + (drift.size() == 1 ? " drifted file" : " drifted files");
    }

    /**
     * One line for a console, with the severity a log should give it.
     *
     * @param severity {@link Severity#ERROR} for spec problems, drift and error findings, the finding's
     *                 severity otherwise; {@code null} for suppressed findings and the summary
     * @param text     the line
     */
    public record Line(Severity severity, String text) {
    }

    /**
     * The result as lines for a console: spec problems, policy findings
     * ({@code file:line:column: severity rule-id: message (object) — remediation}), drifted files
     * ({@code drift: <file> is missing; regenerate with mvn shipshape:generate}), then
     * {@link #summary()}.
     *
     * @param paths how to name files (relative to the project directory)
     */
    public List<Line> lines(ReportPaths paths) {
        List<Line> lines = new ArrayList<>();
        problems.forEach(p -> lines.add(new Line(Severity.ERROR,
                paths.display(p.location()) + ": error: " + p.message() + " Fix: " + p.fix())));
        TextReport text = new TextReport(paths);
        policy.findings().forEach(f -> lines.add(new Line(f.suppressed() ? null : f.severity(), text.line(f))));
        drift.forEach(d -> lines.add(new Line(Severity.ERROR,
                "drift: " + d.message(paths.uri(Location.of(outputDirectory.resolve(d.path())))))));
        lines.add(new Line(null, summary()));
        return lines;
    }

    /** The texts of {@link #lines}. */
    public List<String> text(ReportPaths paths) {
        return lines(paths).stream().map(Line::text).toList();
    }

    /**
     * Everything as one policy report for the report files (text, JSON, SARIF, JUnit): the policy
     * findings, each spec problem as a finding of rule {@code spec-valid} at its location, and each
     * drifted file as a finding of rule {@code output-drift} at the file.
     *
     * @param paths how to name files in drift messages
     */
    public PolicyReport report(ReportPaths paths) {
        List<Finding> findings = new ArrayList<>(policy.findings());
        for (SpecProblem problem : problems) {
            findings.add(new Finding(SPEC_RULE.id(), Severity.ERROR, problem.message(), problem.fix(), SPEC_RULE.documentation(),
                    null, null, null, List.of(), problem.location(), null));
        }
        for (Drift file : drift) {
            Location location = Location.of(outputDirectory.resolve(file.path()));
            findings.add(new Finding(DRIFT_RULE.id(), Severity.ERROR, file.message(paths.uri(location)), DRIFT_RULE.remediation(),
                    DRIFT_RULE.documentation(), null, null, null, List.of(), location, null));
        }
        List<Rule> rules = new ArrayList<>(policy.rules());
        rules.add(SPEC_RULE);
        rules.add(DRIFT_RULE);
        return new PolicyReport(rules, findings);
    }

    private static Rule gateRule(String id, String title, String rationale, String remediation, String documentation) {
        return new Rule(id, Severity.ERROR, title, rationale, remediation, documentation, List.of("shipshape"),
                new Target(Target.Scope.SPEC, List.of()), true, Map.of(), List.of(), "shipshape " + id);
    }
}
