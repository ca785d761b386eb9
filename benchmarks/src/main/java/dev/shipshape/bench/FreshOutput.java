package dev.shipshape.bench;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An output directory that does not exist when each benchmark invocation starts, so every
 * invocation writes the whole tree, as a first build or a clean checkout does. The deletion runs
 * outside the measured time ({@link Level#Invocation} setup; each invocation takes milliseconds
 * or more, well above the timer overhead JMH warns about for that level).
 */
@State(Scope.Thread)
public class FreshOutput {

    private Path parent;
    private Path directory;

    /** The output directory, absent at the start of each invocation. */
    public Path directory() {
        return directory;
    }

    @Setup(Level.Trial)
    public void create() throws IOException {
        parent = Files.createTempDirectory("shipshape-bench-output-");
        directory = parent.resolve("output");
    }

    @Setup(Level.Invocation)
    public void clear() {
        Workload.deleteTree(directory);
    }

    @TearDown(Level.Trial)
    public void delete() {
        Workload.deleteTree(parent);
    }
}
