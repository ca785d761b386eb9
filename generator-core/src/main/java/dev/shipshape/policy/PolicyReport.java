package dev.shipshape.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The result of a policy run: the rules that ran and their findings, sorted
 * ({@link Finding#compareTo}). Suppressed findings are kept and counted apart.
 *
 * @param rules    the enabled rules, sorted by id
 * @param findings every finding, suppressed ones included, sorted
 */
public record PolicyReport(List<Rule> rules, List<Finding> findings) {

    public PolicyReport {
        rules = rules.stream().sorted(java.util.Comparator.comparing(Rule::id)).toList();
        findings = findings.stream().sorted().toList();
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
