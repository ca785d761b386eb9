package dev.shipshape.bench;

import com.marcnuri.helm.Helm;
import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.output.OutputException;
import dev.shipshape.policy.PolicyViolationException;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The work a user would otherwise run on the same application, measured with the same harness as
 * {@link PipelineBenchmark} so that the two can be divided: {@link #kubectlKustomize} builds every
 * generated overlay with {@code kubectl kustomize}, one process per overlay, as a CI job or a
 * person does; {@link #helmTemplate} runs Helm's own {@code helm template} (in-process, through
 * helm-java) on the generated chart once per environment with its {@code values-<env>.yaml}.
 *
 * <p>helm-java 0.0.17 has no {@code --kube-version} and templates as for Kubernetes v1.20.0,
 * which the chart's {@code kubeVersion} constraint refuses, so Helm templates a copy of the chart
 * whose {@code Chart.yaml} lacks that one line (as the chart tests in generator-core do).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class ExternalToolsBenchmark {

    /** The workload ({@link Workload} names). */
    @Param({"acme", "foobar", "lofocats", "todoozle", "synthetic-10", "synthetic-100", "synthetic-1000"})
    public String app;

    private Workload workload;
    private List<Path> overlays;
    private String release;
    private Path chart;
    private List<Path> valuesFiles;

    /**
     * Generates the workload's output once; the measured work reads it.
     *
     * @throws IllegalStateException if kubectl is not on the PATH
     */
    @Setup(Level.Trial)
    public void prepare() throws SpecException, OutputException, IOException, InterruptedException, PolicyViolationException {
        run(List.of("kubectl", "version", "--client"));
        workload = Workload.prepare(app);
        Shipshape shipshape = new Shipshape();
        Compilation compilation = shipshape.compile(workload.specFiles());
        Path output = workload.scratch("output");
        shipshape.generate(workload.specFiles(), output);
        release = compilation.specs().get(0).name();
        Path kustomize = output.resolve(release).resolve("kustomize");
        // the main build's overlays and every component group's (kustomize/groups/<group>/overlays/<view>)
        try (Stream<Path> entries = Files.walk(kustomize, 4)) {
            overlays = entries.filter(Files::isDirectory).filter(dir -> dir.getParent().getFileName().toString().equals("overlays"))
                    .sorted().toList();
        }
        if (overlays.isEmpty()) {
            throw new IllegalStateException("no overlays in " + kustomize);
        }
        chart = chartWithoutKubeVersion(output.resolve(release).resolve("helm").resolve(release), workload.scratch("chart"));
        try (Stream<Path> views = Files.list(kustomize.resolve("overlays"))) {
            valuesFiles = views.filter(Files::isDirectory).sorted().map(view -> chart.resolve("values-" + view.getFileName() + ".yaml")).toList();
        }
        for (Path values : valuesFiles) {
            if (!Files.isRegularFile(values)) {
                throw new IllegalStateException("the chart has no " + values);
            }
        }
    }

    /** A copy of the generated chart without its {@code kubeVersion} line (see the class description). */
    private static Path chartWithoutKubeVersion(Path chart, Path copy) throws IOException {
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^kubeVersion: .*\n", ""));
        return copy;
    }

    @TearDown(Level.Trial)
    public void delete() {
        workload.delete();
    }

    /** {@code kubectl kustomize} of every overlay of every build (the main build's and each component group's); returns the bytes of YAML built. */
    @Benchmark
    public long kubectlKustomize() throws IOException, InterruptedException {
        long bytes = 0;
        for (Path overlay : overlays) {
            bytes += run(List.of("kubectl", "kustomize", overlay.toString()));
        }
        return bytes;
    }

    /** {@code helm template <app> <chart> -f values-<env>.yaml} for every environment; returns the characters of YAML rendered. */
    @Benchmark
    public long helmTemplate() {
        long characters = 0;
        for (Path values : valuesFiles) {
            characters += new Helm(chart).template().withName(release).withValuesFile(values).call().length();
        }
        return characters;
    }

    /** Runs a command, reads its standard output and returns its length in bytes; fails on a non-zero exit. */
    private static long run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + " is not on the PATH; install it to run the side-by-side benchmarks", e);
        }
        long bytes = process.getInputStream().readAllBytes().length;
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + errors.strip());
        }
        return bytes;
    }
}
