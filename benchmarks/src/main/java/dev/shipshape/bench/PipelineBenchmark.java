package dev.shipshape.bench;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ModelBuilder;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.OutputTree;
import dev.shipshape.output.OutputWriter;
import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.PolicyEngine;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.docs.RunbookRenderer;
import dev.shipshape.render.flux.FluxRenderer;
import dev.shipshape.render.helm.HelmRenderer;
import dev.shipshape.render.kustomize.KustomizeRenderer;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecLoader;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The compiler's stages, each measured apart on inputs prepared outside the measured time, and
 * the whole pipeline end to end, for every shipped spec and synthetic specs of 10, 100 and 1,000
 * components in three environments.
 *
 * <p>Stages: {@link #load} (YAML with source map, JSON Schema validation of the spec and of each
 * environment, binding, cross-reference checks), {@link #build} (the Kubernetes objects of every
 * view), {@link #evaluatePolicies} (the default CEL rules on the spec and every object of every
 * environment), {@link #renderKustomize}, {@link #renderHelm}, {@link #renderFlux},
 * {@link #renderRunbook}, {@link #write} (the whole tree into an empty directory) and
 * {@link #writeUnchanged} (a repeated build: every file compared, nothing written),
 * {@link #writeTenthChanged} (a tenth of the files changed in a directory holding the tree). End to end:
 * {@link #compile} (in memory), {@link #generate} (spec file to a fresh output directory, what
 * {@code mvn shipshape:generate} runs) and {@link #endToEnd} (generate plus every policy, the
 * scope of the targets).
 *
 * <p>Forks run with {@code -Xmx512m}, the heap budget of the targets; the prepared compilation
 * is held while a stage runs, so a stage needs room for its own work next to it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@State(Scope.Benchmark)
public class PipelineBenchmark {

    /** The workload ({@link Workload} names). */
    @Param({"acme", "foobar", "lofocats", "todoozle", "synthetic-10", "synthetic-100", "synthetic-1000"})
    public String app;

    private final SpecLoader loader = new SpecLoader();
    private final ModelBuilder builder = new ModelBuilder();
    private final ObjectYaml yaml = new ObjectYaml();
    private final KustomizeRenderer kustomize = new KustomizeRenderer(yaml, new ObjectDiff());
    private final FluxRenderer flux = new FluxRenderer(yaml);
    private final HelmRenderer helm = new HelmRenderer(yaml, new ObjectDiff());
    private final RunbookRenderer runbook = new RunbookRenderer();
    private final PolicyEngine policies = PolicyEngine.builder().build();
    private final OutputWriter writer = new OutputWriter(Shipshape.version());

    private Workload workload;
    private ApplicationSpec spec;
    private List<ApplicationModel> models;
    private OutputTree tree;
    /** The tree with every tenth file changed; {@link #writeTenthChanged} alternates between the two. */
    private OutputTree tenthChanged;
    private boolean changedOnDisk;

    /**
     * Prepares the workload and each stage's input (one compilation, held for the whole trial).
     *
     * @throws SpecException if the workload's spec does not load — a broken synthetic spec fails the run
     */
    @Setup(Level.Trial)
    public void prepare() throws SpecException, OutputException, IOException {
        workload = Workload.prepare(app);
        Compilation compilation = new Shipshape().compile(workload.specFiles());
        spec = compilation.specs().get(0);
        models = compilation.models();
        tree = compilation.output();
        writer.write(tree, workload.scratch("unchanged"), workload.directory().resolve("specs"));
        tenthChanged = new OutputTree();
        int i = 0;
        for (var file : tree.files().entrySet()) {
            String content = i++ % 10 == 0 ? file.getValue() + "# changed\n" : file.getValue();
            tenthChanged.add(file.getKey(), content, tree.sources(file.getKey()));
        }
        writer.write(tree, workload.scratch("changed"), workload.directory().resolve("specs"));
    }

    @TearDown(Level.Trial)
    public void delete() {
        workload.delete();
    }

    /** Load: read, schema-validate (defaults and every environment), bind and cross-check one spec. */
    @Benchmark
    public ApplicationSpec load() throws SpecException {
        return loader.load(workload.specFile());
    }

    /** Model building: the Kubernetes objects of the default view and of each environment. */
    @Benchmark
    public ApplicationModel build() {
        return builder.build(spec);
    }

    /** Policy evaluation: the default rules (CEL, compiled once) on the spec and objects of each environment. */
    @Benchmark
    public List<PolicyReport> evaluatePolicies() throws SpecException {
        return evaluate(models);
    }

    /** Kustomize rendering: base, overlays and JSON patches, as YAML text. */
    @Benchmark
    public OutputTree renderKustomize() {
        OutputTree output = new OutputTree();
        kustomize.render(models, output);
        return output;
    }

    /** Helm rendering: the chart (templates, values per environment, values schema). */
    @Benchmark
    public OutputTree renderHelm() {
        OutputTree output = new OutputTree();
        helm.render(models, output);
        return output;
    }

    /** Flux rendering: the per-cluster entry points. */
    @Benchmark
    public OutputTree renderFlux() {
        OutputTree output = new OutputTree();
        flux.render(models, output);
        return output;
    }

    /** The disaster-recovery runbook (Mustache). */
    @Benchmark
    public OutputTree renderRunbook() {
        OutputTree output = new OutputTree();
        runbook.render(models, output);
        return output;
    }

    /** Writing the whole tree into an empty output directory (journal, a temporary file and a rename per file, index). */
    @Benchmark
    public WriteResult write(FreshOutput output) throws OutputException, IOException {
        return writer.write(tree, output.directory(), workload.directory().resolve("specs"));
    }

    /** Writing a tree that is already on disk: every file hashed and compared, nothing written. */
    @Benchmark
    public WriteResult writeUnchanged() throws OutputException, IOException {
        return writer.write(tree, workload.scratch("unchanged"), workload.directory().resolve("specs"));
    }

    /**
     * A build after a change to the spec: a directory holding one of the two trees gets the
     * other, so every operation rewrites a tenth of the files and compares the rest.
     */
    @Benchmark
    public WriteResult writeTenthChanged() throws OutputException, IOException {
        changedOnDisk = !changedOnDisk;
        return writer.write(changedOnDisk ? tenthChanged : tree, workload.scratch("changed"), workload.directory().resolve("specs"));
    }

    private List<PolicyReport> evaluate(List<ApplicationModel> applications) throws SpecException {
        List<PolicyReport> reports = new ArrayList<>();
        for (ApplicationModel model : applications) {
            reports.add(policies.evaluate(model));
        }
        return reports;
    }
}
