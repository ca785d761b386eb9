package dev.shipshape.policy;

import dev.shipshape.model.ObjectKey;
import dev.shipshape.spec.Location;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.List;
import java.util.Collection;
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
 * @param environments  the environments whose rendering has it, sorted; empty when it concerns no environment
 * @param location      the spec location that produced the object, or {@code null} when there is no spec (fixtures)
 * @param suppression   why the finding is suppressed, or {@code null}
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
        List<String> environments,
        Location location,
        Suppression suppression) implements Comparable<Finding> {

    private static final Comparator<Finding> ORDER = Comparator
            .comparing(Finding::location, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::ruleId)
            .thenComparing(Finding::object, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::container, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(f -> String.join(",", f.environments()))
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        environments = List.copyOf(new TreeSet<>(environments));
    }

    /** A finding in one environment's rendering ({@code null}: in none). */
    public Finding(String ruleId, Severity severity, String message, String remediation, String documentation, ObjectKey object,
                   String container, String component, String environment, Location location, Suppression suppression) {
        this(ruleId, severity, message, remediation, documentation, object, container, component,
                environment == null ? List.of() : List.of(environment), location, suppression);
    }

    /** This finding, as found in these environments. */
    public Finding in(Collection<String> newEnvironments) {
        return new Finding(ruleId, severity, message, remediation, documentation, object, container, component,
                List.copyOf(newEnvironments), location, suppression);
    }

    /** True when an exemption (of the spec or the generator) suppresses this finding. */
    public boolean suppressed() {
        return suppression != null;
    }

    /** This finding suppressed. */
    public Finding suppressedBy(Suppression newSuppression) {
        return new Finding(ruleId, severity, message, remediation, documentation, object, container, component,
                environments, location, newSuppression);
    }

    /**
     * What the finding is about, for humans: {@code Deployment/acme/api container app} or
     * {@code component db}, with the environments: {@code in production, staging}.
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
        if (!environments.isEmpty()) {
            text.append(" in ").append(String.join(", ", environments));
        }
        return text.toString();
    }

    /** Orders by location, rule, object, container, environments, message: the order of every report. */
    @Override
    public int compareTo(Finding other) {
        return ORDER.compare(this, other);
    }
}
