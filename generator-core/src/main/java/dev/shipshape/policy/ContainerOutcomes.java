package dev.shipshape.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The outcomes of the container checks that read only the container ({@link ContainerReads}), by
 * check and container value, for one evaluation of a model: each distinct container (an equal
 * tree) is checked once, however many objects and environments hold it. Scoped to one evaluation
 * so that no container tree outlives it; safe for the evaluation's parallel chunks.
 */
final class ContainerOutcomes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Key, Optional<CheckResults.Failure>> outcomes = new ConcurrentHashMap<>();

    /**
     * The outcome of a check on a container: remembered, or computed by {@code evaluation} and remembered.
     *
     * @param check      a check whose expressions read only the container ({@link CompiledRule.CompiledCheck#containerOnly()})
     * @param container  the container's key ({@link Containers#key})
     * @param evaluation evaluates the check on the container: its failure, or {@code null}
     * @return the failure, or {@code null} when the check passes
     */
    CheckResults.Failure outcome(CompiledRule.CompiledCheck check, Container container, Supplier<CheckResults.Failure> evaluation) {
        Key key = new Key(check, container);
        Optional<CheckResults.Failure> known = outcomes.get(key);
        if (known == null) {
            known = Optional.ofNullable(evaluation.get());
            outcomes.putIfAbsent(key, known);
        }
        return known.orElse(null);
    }

    /**
     * A container by value: its tree's JSON (the trees keep the objects' key order, so equal containers
     * write equal text), which the outcomes keep instead of the tree, a tenth of its size.
     */
    record Container(String json) {
    }

    /** The containers of one object, each keyed once; confined to the thread evaluating the object. */
    static final class Containers {

        private final Map<Object, Container> keys = new IdentityHashMap<>();

        /**
         * The key of a container tree of the object.
         *
         * @throws IllegalArgumentException if the tree cannot be written as JSON (it came from JSON)
         */
        Container key(Object tree) {
            return keys.computeIfAbsent(tree, Containers::json);
        }

        private static Container json(Object tree) {
            try {
                return new Container(JSON.writeValueAsString(tree));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("a container tree cannot be written as JSON", e);
            }
        }
    }

    /** A check (by identity) and a container (by value). */
    private record Key(CompiledRule.CompiledCheck check, Container container) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && check == that.check && container.equals(that.container);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(check) + container.hashCode();
        }
    }
}
