package dev.shipshape.policy;

import dev.shipshape.model.ObjectKey;
import dev.shipshape.spec.Exemption;
import dev.shipshape.spec.Location;

import java.util.Comparator;
import java.util.Objects;

/**
 * One violation of a rule.
 *
 * @param ruleId        the rule's id
 * @param severity      the effective severity (after check and user overrides)
 * @param message       what is wrong, naming the values involved
 * @param remediation   how to fix it
 * @param documentation URL of the reference for the checked field
 * @param object        the Kubernetes object, or {@code null} for a finding on the spec
 * @param container     the container name, or {@code null} when the finding is not about one container
 * @param component     the spec component the finding concerns, or {@code null} when unknown
 * @param environment   the environment whose rendering was checked
 * @param location      the spec location that produced the object, or {@code null} when there is no spec (fixtures)
 * @param suppression   the exemption that suppresses the finding, or {@code null}
 */
public record Finding(
        String ruleId,
        Severity severity,
        String message,
        String remediation,
        String documentation,
        ObjectKey object,
        String container,
        String component,
        String environment,
        Location location,
        Exemption suppression) implements Comparable<Finding> {

    private static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::location, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::object, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::container, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::environment, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** True when an exemption in the spec suppresses this finding. */
    public boolean suppressed() {
        return suppression != null;
    }

    /** This finding suppressed by {@code exemption}. */
    public Finding suppressedBy(Exemption exemption) {
        return new Finding(ruleId, severity, message, remediation, documentation, object, container, component,
                environment, location, exemption);
    }

    /**
     * What the finding is about, for humans: {@code Deployment/acme/api container app} or
     * {@code component db}, with the environment.
     */
    public String subject() {
        StringBuilder text = new StringBuilder();
        if (object != null) {
            text.append(object);
        } else if (component != null) {
            text.append("component ").append(component);
        } else {
            text.append("application");
        }
        if (container != null) {
            text.append(" container ").append(container);
        }
        if (environment != null) {
            text.append(" in ").append(environment);
        }
        return text.toString();
    }

    /** Orders by location, rule, object, container, environment, message: the order of every report. */
    @Override
    public int compareTo(Finding other) {
        return ORDER.compare(this, other);
    }
}
