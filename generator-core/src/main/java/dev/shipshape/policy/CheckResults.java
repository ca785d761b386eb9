package dev.shipshape.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The outcomes of one check that depends only on top-level fields of the object
 * ({@link ObjectFieldReads}), by the values of those fields: each distinct tuple is evaluated once
 * per engine. Safe for concurrent evaluation; holds at most {@value #CAPACITY} tuples, beyond which
 * checks are evaluated as usual. An outcome is the failure, or empty when the check passes.
 */
public final class CheckResults {

    /** The most tuples kept per check. */
    static final int CAPACITY = 4096;

    private final ObjectFieldReads reads;
    private final Map<List<Object>, Optional<Failure>> outcomes = new ConcurrentHashMap<>();

    CheckResults(ObjectFieldReads reads) {
        this.reads = reads;
    }

    /**
     * The outcome for an object: remembered, or computed by {@code evaluation} and remembered.
     *
     * @param object      the object tree
     * @param environment the environment name
     * @param evaluation  evaluates the check on the object: its failure, or {@code null}
     * @return the failure, or {@code null} when the check passes
     */
    public Failure outcome(Map<String, Object> object, String environment, Supplier<Failure> evaluation) {
        List<Object> key = reads.values(object, environment);
        if (key == null) {
            return evaluation.get();
        }
        Optional<Failure> known = outcomes.get(key);
        if (known == null) {
            known = Optional.ofNullable(evaluation.get());
            if (outcomes.size() < CAPACITY) {
                outcomes.putIfAbsent(key, known);
            }
        }
        return known.orElse(null);
    }

    /**
     * A failed check.
     *
     * @param message     what is wrong
     * @param remediation how to fix this failure, or {@code null} for the rule's remediation
     */
    public record Failure(String message, String remediation) {
    }
}
