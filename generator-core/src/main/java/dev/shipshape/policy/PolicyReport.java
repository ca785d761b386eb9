package dev.shipshape.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The result of a policy run: the rules that ran and their findings, sorted
 * ({@link Finding#compareTo}), one per rule, object, container and message however many
 * environments have it (the finding lists them). Suppressed findings are kept and counted apart.
 *
 * @param rules    the enabled rules, sorted by id
 * @param findings every finding, suppressed ones included, those alike but for their environment merged, sorted
 */
public record PolicyReport(List<Rule> rules, List<Finding> findings) {

    public PolicyReport {
        rules = rules.stream().sorted(java.util.Comparator.comparing(Rule::id)).toList();
        findings = merged(findings).stream().sorted().toList();
    }

    /** The findings alike but for their environments as one, listing them all. */
    private static List<Finding> merged(List<Finding> findings) {
        Map<Finding, SortedSet<String>> environments = new LinkedHashMap<>();
        for (Finding finding : findings) {
            environments.computeIfAbsent(finding.in(List.of()), f -> new TreeSet<>()).addAll(finding.environments());
        }
        List<Finding> merged = new ArrayList<>();
        environments.forEach((finding, in) -> merged.add(finding.in(in)));
        return merged;
    }

    /** The number of findings of a severity that no exemption suppresses. */
    public long count(Severity severity) {
        return findings.stream().filter(f -> !f.suppressed() && f.severity() == severity).count();
    }

    /** The number of suppressed findings. */
    public long suppressedCount() {
        return findings.stream().filter(Finding::suppressed).count();
    }

    /** True when an unsuppressed finding is at or above {@code failOn}. */
    public boolean fails(Severity failOn) {
        return findings.stream().anyMatch(f -> !f.suppressed() && f.severity().atLeast(failOn));
    }

    /** {@code policy: 2 errors, 1 warning, 0 info, 1 suppressed} — the line a build log ends with. */
    public String summary() {
        long errors = count(Severity.ERROR);
        long warnings = count(Severity.WARNING);
        return "policy: " + errors + (errors == 1 ? " error, " : " errors, ")
                + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                + count(Severity.INFO) + " info, " + suppressedCount() + " suppressed";
    }

    /** This report and another (for example two specs) as one. */
    public PolicyReport plus(PolicyReport other) {
        List<Rule> allRules = new ArrayList<>(rules);
        other.rules.stream().filter(r -> allRules.stream().noneMatch(x -> x.id().equals(r.id()))).forEach(allRules::add);
        List<Finding> allFindings = new ArrayList<>(findings);
        allFindings.addAll(other.findings);
        return new PolicyReport(allRules, allFindings);
    }
}
