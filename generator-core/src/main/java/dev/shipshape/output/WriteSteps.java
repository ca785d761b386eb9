package dev.shipshape.output;

import java.io.IOException;

/**
 * The fault-injection seam of {@link OutputWriter}: it reports every step that changes the disk to
 * the installed {@link Hook} just before taking it, so that a test can fail the step with an
 * {@link IOException} (a full disk), change the output directory as a user would meanwhile, or
 * halt the JVM there ({@code Runtime.halt}: a kill, no shutdown hook or {@code finally} runs).
 * Kill points are then found by the step they interrupt, not by timing. Production code never
 * installs a hook; the default does nothing.
 */
final class WriteSteps {

    /** A step of a write, in the order a run takes them. */
    enum Step {
        /** The lock file is open and locked; nothing else has changed yet. */
        LOCKED,
        /** The intent journal ({@code .shipshape/journal}) is about to be written. */
        JOURNAL,
        /** A new file's content is about to be written to its temporary file beside its target. */
        TEMPORARY,
        /** A temporary file is about to be renamed (or linked) over its target. */
        REPLACE,
        /** An owned file that is no longer produced is about to be deleted. */
        DELETE,
        /** The new index is about to be renamed into place. */
        INDEX,
        /** The index is in place; the journal is about to be deleted. */
        FINISH
    }

    /** What a test does at a step. */
    @FunctionalInterface
    interface Hook {
        /**
         * @param step the step about to be taken
         * @param path the file it concerns, relative to the output directory ({@code /} separators)
         * @throws IOException to make the step fail as the file system would
         */
        void before(Step step, String path) throws IOException;
    }

    private static final Hook NONE = (step, path) -> {
    };

    private static volatile Hook hook = NONE;

    private WriteSteps() {
    }

    /** Installs a hook for every later write of this JVM; {@code null} removes it. */
    static void install(Hook installed) {
        hook = installed == null ? NONE : installed;
    }

    static void before(Step step, String path) throws IOException {
        hook.before(step, path);
    }
}
