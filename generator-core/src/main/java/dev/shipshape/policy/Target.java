package dev.shipshape.policy;

import java.util.List;

/**
 * What a rule looks at.
 *
 * @param scope what the rule sees
 * @param kinds the Kubernetes kinds the rule is evaluated for (empty for {@link Scope#SPEC})
 */
public record Target(Scope scope, List<String> kinds) {

    public Target {
        kinds = List.copyOf(kinds);
    }

    /** What the CEL of a rule can see. */
    public enum Scope {
        /**
         * One rendered object at a time, as variable {@code object} (the same variable a
         * Kubernetes ValidatingAdmissionPolicy sees), plus {@code variables}.
         */
        OBJECTS,
        /**
         * One rendered object at a time as {@code object}, plus every object rendered for the
         * same environment as {@code objects}: for rules that relate objects to each other.
         */
        SET,
        /** The application spec of one environment, as {@code application} (and {@code component}). */
        SPEC
    }

    /** True when objects of {@code kind} are evaluated by the rule. */
    public boolean appliesTo(String kind) {
        return scope != Scope.SPEC && kinds.contains(kind);
    }
}
