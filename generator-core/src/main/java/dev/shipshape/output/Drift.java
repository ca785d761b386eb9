package dev.shipshape.output;

import java.util.Comparator;

/**
 * One way an output directory differs from what the specs compile to now, found by
 * {@link OutputWriter#drift}. Every kind is fixed by generating again.
 *
 * @param path the file, relative to the output directory, with {@code /} separators
 * @param kind how it differs
 */
public record Drift(String path, Kind kind) implements Comparable<Drift> {

    private static final Comparator<Drift> ORDER = Comparator.comparing(Drift::path).thenComparing(Drift::kind);

    /** How a file differs. */
    public enum Kind {
        /** Its content is not what shipshape wrote: its hash differs from the one in {@code .shipshape/index.json}. */
        EDITED("was edited by hand"),
        /** shipshape wrote it, but the specs now compile to something else. */
        STALE("differs from what the specs compile to now"),
        /** The specs produce it, but it is not there. */
        MISSING("is missing"),
        /** shipshape owns it, but the specs no longer produce it. */
        UNEXPECTED("is no longer generated from the specs"),
        /** The specs produce it, and a file shipshape does not own (not in the index) is in its place. */
        NOT_OWNED("is in the output but shipshape does not own it (it is not in " + OutputIndex.PATH + ")");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        /** What happened to the file, for example {@code was edited by hand}. */
        public String description() {
            return description;
        }
    }

    /**
     * {@code <name> was edited by hand; regenerate with mvn shipshape:generate} — one line for a log.
     *
     * @param name how to name the file, for example its path relative to the project directory
     */
    public String message(String name) {
        return name + " " + kind.description + "; regenerate with mvn shipshape:generate";
    }

    @Override
    public int compareTo(Drift other) {
        return ORDER.compare(this, other);
    }
}
