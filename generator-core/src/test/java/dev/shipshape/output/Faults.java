package dev.shipshape.output;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Installs the {@link WriteSteps} fault-injection hook for tests outside this package (the child
 * JVM of {@code GenerateMain} included). Steps are named as {@link WriteSteps.Step}, for example
 * {@code REPLACE}; {@code occurrence} counts from 1 over every file of one JVM's writes.
 */
public final class Faults {

    /** The exit code of a JVM halted at a step: the test knows the kill point was reached. */
    public static final int HALTED = 86;

    private Faults() {
    }

    /** Halts the JVM ({@code Runtime.halt}, like SIGKILL: no finally block, no shutdown hook) just before the step. */
    public static void haltAt(String step, int occurrence) {
        at(step, occurrence, path -> Runtime.getRuntime().halt(HALTED));
    }

    /** Fails the step with the exception, as a full disk or a failing device would. */
    public static void failAt(String step, int occurrence, IOException failure) {
        at(step, occurrence, path -> {
            throw failure;
        });
    }

    /** Runs an action (a user's change to the output directory) just before the step. */
    public static void at(String step, int occurrence, Action action) {
        WriteSteps.Step wanted = WriteSteps.Step.valueOf(step);
        AtomicInteger seen = new AtomicInteger();
        WriteSteps.install((current, path) -> {
            if (current == wanted && seen.incrementAndGet() == occurrence) {
                action.run(path);
            }
        });
    }

    /** Removes the hook. */
    public static void clear() {
        WriteSteps.install(null);
    }

    /** What to do at a step. */
    @FunctionalInterface
    public interface Action {
        /** @param path the file the step concerns, relative to the output directory */
        void run(String path) throws IOException;
    }
}
