package dev.shipshape.policy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a front end configures the policy gate: which rules run, at which severity, with which
 * parameters, and the severity that stops {@code generate} and fails {@code check}. Immutable;
 * {@link #DEFAULTS} is shipshape's default rule set failing on errors.
 *
 * @param ruleDirectories directories of user rule files ({@code <id>.yaml}), beside the default rules
 * @param severities      severity overrides by rule id
 * @param disabledRules   rule ids turned off
 * @param enabledRules    rule ids turned on that are off by default (for example {@code cpu-limit})
 * @param parameters      rule parameters by rule id, merged over each rule's defaults
 * @param failOn          the lowest severity of an unsuppressed finding that fails (default {@link Severity#ERROR})
 */
public record PolicySettings(
        List<Path> ruleDirectories,
        SortedMap<String, Severity> severities,
        SortedSet<String> disabledRules,
        SortedSet<String> enabledRules,
        SortedMap<String, Map<String, Object>> parameters,
        Severity failOn) {

    /** The default rules, unchanged, failing on errors. */
    public static final PolicySettings DEFAULTS = new PolicySettings(List.of(), new TreeMap<>(), new TreeSet<>(),
            new TreeSet<>(), new TreeMap<>(), Severity.ERROR);

    public PolicySettings {
        ruleDirectories = List.copyOf(ruleDirectories);
        severities = Collections.unmodifiableSortedMap(new TreeMap<>(severities));
        disabledRules = Collections.unmodifiableSortedSet(new TreeSet<>(disabledRules));
        enabledRules = Collections.unmodifiableSortedSet(new TreeSet<>(enabledRules));
        SortedMap<String, Map<String, Object>> copied = new TreeMap<>();
        parameters.forEach((rule, values) -> copied.put(rule, Map.copyOf(values)));
        parameters = Collections.unmodifiableSortedMap(copied);
        Objects.requireNonNull(failOn, "failOn");
    }

    /** These settings failing at another severity. */
    public PolicySettings withFailOn(Severity newFailOn) {
        return new PolicySettings(ruleDirectories, severities, disabledRules, enabledRules, parameters, newFailOn);
    }

    /** These settings with a rule turned off. */
    public PolicySettings withDisabledRule(String ruleId) {
        SortedSet<String> disabled = new TreeSet<>(disabledRules);
        disabled.add(ruleId);
        return new PolicySettings(ruleDirectories, severities, disabled, enabledRules, parameters, failOn);
    }

    /** These settings with one more rule directory. */
    public PolicySettings withRuleDirectory(Path directory) {
        List<Path> directories = new ArrayList<>(ruleDirectories);
        directories.add(directory);
        return new PolicySettings(directories, severities, disabledRules, enabledRules, parameters, failOn);
    }

    /**
     * The engine these settings describe (every CEL expression compiled).
     *
     * @throws PolicyException for an invalid rule file or a setting that names an unknown rule
     */
    public PolicyEngine engine() {
        PolicyEngine.Builder builder = PolicyEngine.builder();
        ruleDirectories.forEach(builder::ruleDirectory);
        severities.forEach(builder::severity);
        enabledRules.forEach(builder::enable);
        disabledRules.forEach(builder::disable);
        parameters.forEach(builder::parameters);
        return builder.build();
    }
}
