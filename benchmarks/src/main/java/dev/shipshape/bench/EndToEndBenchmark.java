package dev.shipshape.bench;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.output.OutputException;
import dev.shipshape.policy.PolicyViolationException;
import dev.shipshape.output.WriteResult;
import dev.shipshape.spec.SpecException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline, spec file in, for the same workloads as {@link PipelineBenchmark}. Between
 * operations the fork holds only the spec file's path and the reusable engines (loader schema,
 * compiled CEL rules), so each operation's heap is what a build needs: {@link #compile} (in
 * memory: load, build, every default policy, every renderer) and {@link #endToEnd} (the same
 * plus a fresh output directory written — the scope of the targets, and what
 * {@code mvn shipshape:generate} does on a clean checkout).
 *
 * <p>Forks run with {@code -Xmx512m}, the heap budget of the targets: a workload that needs more
 * fails here instead of passing on a large default heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class EndToEndBenchmark {

    /** The workload ({@link Workload} names). */
    @Param({"acme", "foobar", "lofocats", "todoozle", "synthetic-10", "synthetic-100", "synthetic-1000"})
    public String app;

    private final Shipshape shipshape = new Shipshape();

    private Workload workload;

    @Setup(Level.Trial)
    public void prepare() {
        workload = Workload.prepare(app);
    }

    @TearDown(Level.Trial)
    public void delete() {
        workload.delete();
    }

    /** End to end in memory: load, build, every policy and every renderer. */
    @Benchmark
    public Compilation compile() throws SpecException {
        return shipshape.compile(workload.specFiles());
    }

    /**
     * End to end as the targets count it and as {@code mvn shipshape:generate} runs on a clean
     * checkout: load, build, every policy (the facade's gate), both outputs, and a fresh output
     * directory written.
     */
    @Benchmark
    public WriteResult endToEnd(FreshOutput output) throws SpecException, OutputException, IOException, PolicyViolationException {
        return shipshape.generate(workload.specFiles(), output.directory());
    }

}
