package dev.shipshape.spec;

import java.util.Objects;

/**
 * One thing wrong with a spec, written for the person who has to fix it.
 *
 * @param location where in the spec ({@code file:line:column})
 * @param message  what is wrong, in one sentence
 * @param fix      how to fix it, in one sentence (never empty)
 */
public record SpecProblem(Location location, String message, String fix) implements Comparable<SpecProblem> {

    public SpecProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
    }

    /** {@code file:line:column: error: message (fix)} — one line, no stack trace. */
    @Override
    public String toString() {
        return location + ": error: " + message + " Fix: " + fix;
    }

    @Override
    public int compareTo(SpecProblem other) {
        int byLocation = location.compareTo(other.location);
        return byLocation != 0 ? byLocation : message.compareTo(other.message);
    }
}
