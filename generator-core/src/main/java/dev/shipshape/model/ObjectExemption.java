package dev.shipshape.model;

import java.util.Comparator;
import java.util.Objects;

/**
 * A policy rule the generator breaks on purpose on one object it emits, with the reason a
 * reviewer reads. The model declares these next to the object (for example the NetworkPolicy
 * admitting cert-manager's HTTP-01 solver pods, which exist only while a certificate is issued);
 * the policy engine reports the findings they cover as suppressed, never drops them.
 *
 * @param rule   the rule id, for example {@code network-policy-not-dangling}
 * @param object the object the rule is broken on
 * @param reason why that is intended; never blank
 */
public record ObjectExemption(String rule, ObjectKey object, String reason) implements Comparable<ObjectExemption> {

    private static final Comparator<ObjectExemption> ORDER = Comparator.comparing(ObjectExemption::object)
            .thenComparing(ObjectExemption::rule);

    /** @throws IllegalArgumentException if the reason is blank */
    public ObjectExemption {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(object, "object");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the exemption from " + rule + " for " + object + " needs a reason");
        }
    }

    /** Orders by object, then rule. */
    @Override
    public int compareTo(ObjectExemption other) {
        return ORDER.compare(this, other);
    }
}
