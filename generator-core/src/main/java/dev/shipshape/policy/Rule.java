package dev.shipshape.policy;

import java.util.List;
import java.util.Map;

/**
 * A policy rule, read from one YAML file ({@code policies/rules/<id>.yaml}).
 *
 * @param id               kebab-case, stable: exemptions and overrides name it
 * @param severity         the severity of its findings, unless a check or the user overrides it
 * @param title            one line
 * @param rationale        why the rule exists
 * @param remediation      how to fix a finding
 * @param documentation    URL of the reference for the checked field (Kubernetes docs, Pod Security Standards, ...)
 * @param sources          the checkers in the field that have the rule (Polaris, kube-score, ...)
 * @param target           what the rule looks at
 * @param enabledByDefault false for opt-in rules (for example {@code cpu-limit})
 * @param parameters       rule parameters, visible to CEL as {@code variables.params}
 * @param checks           at least one check
 * @param source           the file the rule was read from, for error messages
 */
public record Rule(
        String id,
        Severity severity,
        String title,
        String rationale,
        String remediation,
        String documentation,
        List<String> sources,
        Target target,
        boolean enabledByDefault,
        Map<String, Object> parameters,
        List<Check> checks,
        String source) {

    public Rule {
        sources = List.copyOf(sources);
        parameters = Map.copyOf(parameters);
        checks = List.copyOf(checks);
    }

    /**
     * This rule with another severity (a user override), which also replaces the severities of
     * its checks: every finding of the rule then has {@code newSeverity}.
     */
    public Rule withSeverity(Severity newSeverity) {
        List<Check> overridden = checks.stream()
                .map(c -> c.withSeverity(null))
                .toList();
        return new Rule(id, newSeverity, title, rationale, remediation, documentation, sources, target,
                enabledByDefault, parameters, overridden, source);
    }

    /** The severities this rule's findings can have: the rule's, and any check's own. */
    public java.util.SortedSet<Severity> severities() {
        java.util.SortedSet<Severity> all = new java.util.TreeSet<>();
        all.add(severity);
        checks.stream().map(Check::severity).filter(java.util.Objects::nonNull).forEach(all::add);
        return all;
    }

    /** This rule with its parameters replaced by {@code newParameters} merged over the defaults. */
    public Rule withParameters(Map<String, Object> newParameters) {
        Map<String, Object> merged = new java.util.HashMap<>(parameters);
        merged.putAll(newParameters);
        return new Rule(id, severity, title, rationale, remediation, documentation, sources, target,
                enabledByDefault, merged, checks, source);
    }
}
