package dev.shipshape.output;

import java.util.Comparator;

/**
 * One way an output directory differs from what the specs compile to now, found by
 * {@link OutputWriter#drift}. Every kind is fixed by generating again (a hand edit once the file is deleted).
 *
 * @param path the file, relative to the output directory, with {@code /} separators
 * @param kind how it differs
 */
public record Drift(String path, Kind kind) implements Comparable<Drift> {

    private static final Comparator<Drift> ORDER = Comparator.comparing(Drift::path).thenComparing(Drift::kind);

    /** How a file differs. */
    public enum Kind {
        /** Its content is not what shipshape wrote: its hash differs from the one in {@code .shipshape/index.json}. */
        EDITED("was edited by hand", "move the change into the spec, delete the file and regenerate with mvn shipshape:generate"),
        /** shipshape wrote it, but the specs now compile to something else. */
        STALE("differs from what the specs compile to now"),
        /** The specs produce it, but it is not there. */
        MISSING("is missing"),
        /** shipshape owns it, but the specs no longer produce it. */
        UNEXPECTED("is no longer generated from the specs"),
        /** The specs produce it, and a file shipshape does not own (not in the index) is in its place. */
        NOT_OWNED("is in the output but shipshape does not own it (it is not in " + OutputIndex.PATH + ")"),
        /**
         * A generate run was killed or failed while it replaced files ({@code .shipshape/journal} exists):
         * the directory may hold a mix of the previous and the new files until the next run completes it.
         */
        INTERRUPTED("shows that a generate run was interrupted while it wrote the output");

        private static final String REGENERATE = "regenerate with mvn shipshape:generate";

        private final String description;
        private final String fix;

        Kind(String description) {
            this(description, REGENERATE);
        }

        Kind(String description, String fix) {
            this.description = description;
            this.fix = fix;
        }

        /** What happened to the file, for example {@code was edited by hand}. */
        public String description() {
            return description;
        }
    }

    /**
     * {@code <name> is missing; regenerate with mvn shipshape:generate} — one line for a log. A hand
     * edit's fix says to delete the file first, since generate does not overwrite a change it did not make.
     *
     * @param name how to name the file, for example its path relative to the project directory
     */
    public String message(String name) {
        return name + " " + kind.description + "; " + kind.fix;
    }

    @Override
    public int compareTo(Drift other) {
        return ORDER.compare(this, other);
    }
}
