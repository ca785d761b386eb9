package dev.shipshape;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ModelBuilder;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.OutputTree;
import dev.shipshape.output.OutputWriter;
import dev.shipshape.output.WriteResult;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.Renderer;
import dev.shipshape.render.docs.RunbookRenderer;
import dev.shipshape.render.flux.FluxRenderer;
import dev.shipshape.render.helm.HelmRenderer;
import dev.shipshape.render.kustomize.KustomizeRenderer;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.spec.SpecProblem;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The entry point of shipshape for every front end (Maven plugin, tests, a future CLI):
 * spec files in, a compiled output tree or a written output directory out. It runs the pipeline
 * load → build → render → write and owns every decision a front end would otherwise have to make
 * (which files are specs, in what order they are read, where the project root is).
 */
public final class Shipshape {

    /** Reads one spec file; the production reader is {@link SpecLoader#load}. */
    @FunctionalInterface
    interface SpecReader {
        ApplicationSpec read(Path file) throws SpecException;
    }

    private final SpecReader reader;
    private final Function<ApplicationSpec, ApplicationModel> builder;
    private final List<Renderer> renderers;
    private final OutputWriter writer;

    /** The standard pipeline: {@link SpecLoader}, {@link ModelBuilder}, the Kustomize, Helm, Flux and runbook renderers. */
    public Shipshape() {
        this(new SpecLoader()::load, new ModelBuilder()::build);
    }

    Shipshape(SpecReader reader, Function<ApplicationSpec, ApplicationModel> builder) {
        ObjectYaml yaml = new ObjectYaml();
        this.reader = reader;
        this.builder = builder;
        this.renderers = List.of(new KustomizeRenderer(yaml, new ObjectDiff()), new HelmRenderer(yaml, new ObjectDiff()), new FluxRenderer(yaml),
                new RunbookRenderer());
        this.writer = new OutputWriter(version());
    }

    /** This shipshape's version, for example {@code 0.1.0}, as written in generated-file headers. */
    public static String version() {
        try (InputStream in = Shipshape.class.getResourceAsStream("shipshape.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("shipshape.properties is missing from the shipshape jar", e);
        }
    }

    /**
     * The spec files of a directory: its {@code *.yaml} and {@code *.yml} files (not its
     * subdirectories), sorted by name.
     *
     * @throws SpecException if the directory does not exist or holds no spec file
     */
    public static List<Path> findSpecs(Path directory) throws SpecException {
        if (!Files.isDirectory(directory)) {
            throw new SpecException(new SpecProblem(Location.of(directory), "the specs directory does not exist.",
                    "create it with a spec file, or point the specs directory parameter at the directory holding your specs."));
        }
        List<Path> specs;
        try (Stream<Path> entries = Files.list(directory)) {
            specs = entries.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (specs.isEmpty()) {
            throw new SpecException(new SpecProblem(Location.of(directory), "the specs directory holds no spec file (*.yaml, *.yml).",
                    "add a spec (apiVersion: shipshape.dev/v1alpha1, kind: Application) or point the specs directory parameter at your specs."));
        }
        return specs;
    }

    /**
     * Loads, builds and renders the specs, in memory.
     *
     * @param specFiles spec files, in any order
     * @return the specs, models and output tree
     * @throws SpecException with every problem of every spec, each naming {@code file:line:column}
     */
    public Compilation compile(List<Path> specFiles) throws SpecException {
        List<ApplicationSpec> specs = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        for (Path file : specFiles.stream().sorted(Comparator.comparing(Path::toString)).distinct().toList()) {
            try {
                specs.add(reader.read(file));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(duplicateNames(specs));
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        specs.sort(Comparator.comparing(ApplicationSpec::name));
        List<ApplicationModel> models = specs.stream().map(builder).toList();
        OutputTree output = new OutputTree();
        renderers.forEach(renderer -> renderer.render(models, output));
        return new Compilation(specs, models, output);
    }

    /**
     * Compiles the specs and writes the output directory ({@link OutputWriter}: owned files
     * only, atomic, unchanged files untouched).
     *
     * @param specFiles       spec files, in any order
     * @param outputDirectory where the GitOps tree goes; must not contain the specs
     * @return the files written, unchanged and deleted
     * @throws SpecException   if a spec is invalid; nothing is written
     * @throws OutputException if the output directory cannot be written safely; nothing is written
     * @throws IOException     if the file system fails; the output directory is left as it was
     */
    public WriteResult generate(List<Path> specFiles, Path outputDirectory) throws SpecException, OutputException, IOException {
        Compilation compilation = compile(specFiles);
        return writer.write(compilation.output(), outputDirectory, projectRoot(specFiles));
    }

    /** The deepest directory holding every spec file. */
    private static Path projectRoot(List<Path> specFiles) {
        Path root = null;
        for (Path file : specFiles) {
            Path directory = file.toAbsolutePath().normalize().getParent();
            while (root != null && !directory.startsWith(root)) {
                root = root.getParent();
            }
            root = root == null ? directory : root;
        }
        return root == null ? Path.of("").toAbsolutePath() : root;
    }

    private static List<SpecProblem> duplicateNames(List<ApplicationSpec> specs) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, ApplicationSpec> byName = new HashMap<>();
        for (ApplicationSpec spec : specs) {
            ApplicationSpec first = byName.putIfAbsent(spec.name(), spec);
            if (first != null) {
                problems.add(new SpecProblem(spec.defaults().location(),
                        "application " + spec.name() + " is also defined in " + first.file() + ".",
                        "give each application its own metadata.name; its output lives in <output>/" + spec.name() + "/."));
            }
        }
        return problems;
    }
}
