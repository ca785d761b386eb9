package dev.shipshape;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ModelBuilder;
import dev.shipshape.output.Durability;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.OutputTree;
import dev.shipshape.output.OutputWriter;
import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.AdmissionPolicyExport;
import dev.shipshape.policy.PolicyEngine;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.policy.PolicyViolationException;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.platform.PlatformLayer;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.Renderer;
import dev.shipshape.render.docs.RunbookRenderer;
import dev.shipshape.render.flux.FluxRenderer;
import dev.shipshape.render.helm.HelmRenderer;
import dev.shipshape.render.kustomize.KustomizeRenderer;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.LoaderLimits;
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
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The entry point of shipshape for every front end (Maven plugin, tests, a future CLI):
 * spec files in, a compiled output tree or a written output directory out. It runs the pipeline
 * load → build → policy → render → write and owns every decision a front end would otherwise have
 * to make (which files are specs, in what order they are read, where the project root is, which
 * findings stop a write). The policy gate is configured once, with {@link PolicySettings}.
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
    private final PolicySettings settings;
    private final PolicyEngine engine;

    /** The standard pipeline with the default policy rules, failing on errors. */
    public Shipshape() {
        this(PolicySettings.DEFAULTS);
    }

    /**
     * The standard pipeline: {@link SpecLoader}, {@link ModelBuilder}, the policy engine the
     * settings describe, the Kustomize, Helm, Flux and runbook renderers, and the spec schema for
     * editors ({@code .shipshape/application.schema.json}).
     *
     * @throws dev.shipshape.policy.PolicyException for an invalid rule file or a setting naming an unknown rule
     */
    public Shipshape(PolicySettings settings) {
        this(settings, ComponentKinds.standard(), null);
    }

    /**
     * The standard pipeline for some component kinds (the standard ones and a front end's own,
     * {@link ComponentKinds#with}).
     *
     * @throws dev.shipshape.policy.PolicyException for an invalid rule file or a setting naming an unknown rule
     */
    public Shipshape(PolicySettings settings, ComponentKinds kinds) {
        this(settings, kinds, null);
    }

    /**
     * The standard pipeline for an output directory at a known place in its Git repository: a spec
     * that leaves out {@code spec.delivery.path} gets that place, so Flux objects name the paths
     * the output really has ({@link dev.shipshape.output.RepositoryPath} finds it).
     *
     * @param settings     the policy settings
     * @param deliveryPath the output directory's path inside the repository, without {@code ./}
     *                     ({@code ""} for the repository's root), or {@code null} when unknown: then the
     *                     default is {@code output}
     * @throws dev.shipshape.policy.PolicyException for an invalid rule file or a setting naming an unknown rule
     */
    public Shipshape(PolicySettings settings, String deliveryPath) {
        this(settings, ComponentKinds.standard(), deliveryPath);
    }

    /**
     * The standard pipeline: {@link SpecLoader} and {@link ModelBuilder} for the kinds (the model builder
     * emits the admission policies of the engine's rules where a spec asks for them), the policy engine
     * the settings describe, the Kustomize, Helm, Flux, runbook and spec-schema renderers.
     *
     * @param deliveryPath see {@link #Shipshape(PolicySettings, String)}
     * @throws dev.shipshape.policy.PolicyException for an invalid rule file or a setting naming an unknown rule
     */
    public Shipshape(PolicySettings settings, ComponentKinds kinds, String deliveryPath) {
        this(Prepared.of(settings, kinds, deliveryPath), kinds, settings);
    }

    private Shipshape(Prepared prepared, ComponentKinds kinds, PolicySettings settings) {
        this(prepared.loader()::load, kinds, settings, prepared.engine());
    }

    /**
     * The spec loader (its JSON schemas read and compiled) and the policy engine (the rules read,
     * their CEL made ready), built at once on two threads: together they are most of what a cold
     * start costs before the first spec is read, and they share no classes.
     */
    private record Prepared(SpecLoader loader, PolicyEngine engine) {

        static Prepared of(PolicySettings settings, ComponentKinds kinds, String deliveryPath) {
            List<Object> parts = Parallel.map(List.<Supplier<Object>>of(
                    () -> new SpecLoader(LoaderLimits.DEFAULTS, kinds, deliveryPath == null ? SpecLoader.DEFAULT_DELIVERY_PATH : deliveryPath),
                    settings::engine), Supplier::get);
            return new Prepared((SpecLoader) parts.get(0), (PolicyEngine) parts.get(1));
        }
    }

    private Shipshape(SpecReader reader, ComponentKinds kinds, PolicySettings settings, PolicyEngine engine) {
        this(reader, new ModelBuilder(kinds, new AdmissionPolicyExport(engine.rules())::objects)::build, kinds, settings, engine);
    }

    Shipshape(SpecReader reader, Function<ApplicationSpec, ApplicationModel> builder, PolicySettings settings) {
        this(reader, builder, ComponentKinds.standard(), settings, settings.engine());
    }

    private Shipshape(SpecReader reader, Function<ApplicationSpec, ApplicationModel> builder, ComponentKinds kinds,
                      PolicySettings settings, PolicyEngine engine) {
        this.settings = settings;
        this.engine = engine;
        ObjectYaml yaml = new ObjectYaml();
        this.reader = reader;
        this.builder = builder;
        this.renderers = List.of(new KustomizeRenderer(yaml, new ObjectDiff()), new HelmRenderer(yaml, new ObjectDiff()), new FluxRenderer(yaml),
                new RunbookRenderer(), new SpecSchemaRenderer(kinds));
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
     * subdirectories), sorted by name. A symbolic link is followed; one whose target does not
     * exist is an error naming it, never skipped (skipping it would delete its application's output).
     *
     * @throws SpecException if the directory does not exist, holds no spec file, or holds a spec link to nothing
     */
    public static List<Path> findSpecs(Path directory) throws SpecException {
        if (!Files.isDirectory(directory)) {
            throw new SpecException(new SpecProblem(Location.of(directory), "the specs directory does not exist.",
                    "create it with a spec file, or point the specs directory parameter at the directory holding your specs."));
        }
        List<Path> specs;
        try (Stream<Path> entries = Files.list(directory)) {
            specs = entries.filter(file -> file.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(file -> Files.isRegularFile(file) || Files.isSymbolicLink(file))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        List<SpecProblem> dangling = new ArrayList<>();
        for (Path spec : specs) {
            if (!Files.isRegularFile(spec)) {
                dangling.add(new SpecProblem(Location.of(spec), "the spec file is a symbolic link to " + linkTarget(spec)
                        + ", which does not exist or is not a file.",
                        "restore the file it points to, or delete the link if the application is gone."));
            }
        }
        if (!dangling.isEmpty()) {
            throw new SpecException(dangling);
        }
        if (specs.isEmpty()) {
            throw new SpecException(new SpecProblem(Location.of(directory), "the specs directory holds no spec file (*.yaml, *.yml).",
                    "add a spec (apiVersion: shipshape.dev/v1alpha1, kind: Application) or point the specs directory parameter at your specs."));
        }
        return specs;
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "a file that cannot be read";
        }
    }

    /**
     * Loads, builds, checks and renders the specs, in memory. A spec with
     * {@code spec.admissionPolicies: true} gets the exported admission policies of the enabled
     * rules ({@link AdmissionPolicyExport}) in every view of its model, built with it.
     * The policy report covers every model; nothing here fails on findings ({@link #generate} does).
     * The policy evaluation and the renderers run in parallel ({@link Parallel}); the output does not
     * depend on how they were scheduled.
     *
     * @param specFiles spec files, in any order
     * @return the specs, models, output tree and policy report
     * @throws SpecException with every problem of every spec, each naming {@code file:line:column}
     *                       (an exemption without a reason or naming an unknown rule included)
     */
    public Compilation compile(List<Path> specFiles) throws SpecException {
        List<ApplicationSpec> specs = new ArrayList<>();
        List<ApplicationSpec> partial = new ArrayList<>();
        List<SpecProblem> problems = new ArrayList<>();
        for (Path file : specFiles.stream().sorted(Comparator.comparing(Path::toString)).distinct().toList()) {
            try {
                specs.add(reader.read(file));
            } catch (SpecException e) {
                problems.addAll(e.problems());
                e.partialSpec().ifPresent(partial::add);
            }
        }
        problems.addAll(duplicateNames(specs));
        if (!problems.isEmpty()) {
            partial.forEach(spec -> problems.addAll(policyProblems(spec)));
            throw new SpecException(problems);
        }
        specs.sort(Comparator.comparing(ApplicationSpec::name));
        List<ApplicationModel> models = specs.stream().map(builder).toList();
        // applications sharing a cluster share its platform layer: they must agree on it before anything renders
        List<SpecProblem> platformProblems = PlatformLayer.merge(models.stream()
                .flatMap(model -> model.deliveries().stream()).map(ClusterDelivery::platform).toList()).problems();
        if (!platformProblems.isEmpty()) {
            throw new SpecException(platformProblems);
        }
        // the policy evaluation and each renderer are independent tasks, run in parallel; the
        // renderers' trees are merged in renderer order, so the output is the same as rendering
        // one after the other
        List<Supplier<Object>> tasks = new ArrayList<>();
        tasks.add(() -> evaluate(models));
        renderers.forEach(renderer -> tasks.add(() -> render(renderer, models)));
        List<Object> results = Parallel.map(tasks, Supplier::get);
        Evaluation evaluation = (Evaluation) results.get(0);
        problems.addAll(evaluation.problems());
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        OutputTree output = new OutputTree();
        for (Object part : results.subList(1, results.size())) {
            OutputTree files = (OutputTree) part;
            files.files().forEach((path, content) -> output.add(path, content, files.sources(path)));
        }
        return new Compilation(specs, models, output, evaluation.report());
    }

    /** The policy report of every model, and the problems of exemptions that have no reason or name unknown rules. */
    private record Evaluation(PolicyReport report, List<SpecProblem> problems) {
    }

    private Evaluation evaluate(List<ApplicationModel> models) {
        PolicyReport policy = new PolicyReport(engine.rules(), List.of());
        List<SpecProblem> problems = new ArrayList<>();
        for (ApplicationModel model : models) {
            try {
                policy = policy.plus(engine.evaluate(model));
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        return new Evaluation(policy, problems);
    }

    /** One renderer's files. */
    private static OutputTree render(Renderer renderer, List<ApplicationModel> models) {
        OutputTree files = new OutputTree();
        renderer.render(models, files);
        return files;
    }

    /**
     * Compiles the specs and, when no unsuppressed finding is at or above the settings'
     * {@code failOn}, writes the output directory ({@link OutputWriter}: owned files only, atomic,
     * unchanged files untouched) with the default {@link Durability#ATOMIC}.
     *
     * @see #generate(List, Path, Durability)
     */
    public WriteResult generate(List<Path> specFiles, Path outputDirectory)
            throws SpecException, PolicyViolationException, OutputException, IOException {
        return generate(specFiles, outputDirectory, Durability.ATOMIC);
    }

    /**
     * Compiles the specs and, when no unsuppressed finding is at or above the settings'
     * {@code failOn}, writes the output directory ({@link OutputWriter}: owned files only, atomic,
     * unchanged files untouched).
     *
     * @param specFiles       spec files, in any order
     * @param outputDirectory where the GitOps tree goes; must not contain the specs
     * @param durability      what is flushed to disk ({@link Durability#ATOMIC} unless power-loss durability is needed)
     * @return the files written, unchanged and deleted
     * @throws SpecException              if a spec is invalid; nothing is written
     * @throws PolicyViolationException   listing the failing findings and the counts; nothing is written
     * @throws OutputException            if the output directory cannot be written safely; nothing is written
     * @throws IOException                if the file system fails; the output directory is left as it was
     */
    public WriteResult generate(List<Path> specFiles, Path outputDirectory, Durability durability)
            throws SpecException, PolicyViolationException, OutputException, IOException {
        return generateSummarized(specFiles, outputDirectory, durability).write();
    }

    /**
     * {@link #generate(List, Path, Durability)}, and what it did per application (files and
     * findings by severity), for a front end's log.
     *
     * @throws SpecException            if a spec is invalid; nothing is written
     * @throws PolicyViolationException listing the failing findings and the counts; nothing is written
     * @throws OutputException          if the output directory cannot be written safely; nothing is written
     * @throws IOException              if the file system fails; the output directory is left as it was
     */
    public GenerateResult generateSummarized(List<Path> specFiles, Path outputDirectory, Durability durability)
            throws SpecException, PolicyViolationException, OutputException, IOException {
        Compilation compilation = compile(specFiles);
        if (compilation.policy().fails(settings.failOn())) {
            throw new PolicyViolationException(compilation.policy(), settings.failOn());
        }
        WriteResult write = writer.write(compilation.output(), outputDirectory, projectRoot(specFiles), durability);
        return new GenerateResult(write, AppSummary.of(compilation.specs(), write, compilation.policy()), compilation.policy());
    }

    /**
     * The CI gate: loads and checks the specs (schema, cross-references, exemptions), runs the
     * policies, and compares the output directory with what the specs compile to now
     * ({@link OutputWriter#drift}). Writes nothing.
     *
     * @param specFiles       spec files, in any order
     * @param outputDirectory the committed output directory
     * @return the spec problems, or else the policy report and the drifted files
     * @throws OutputException if the output directory's index is corrupt
     * @throws IOException     if an output file cannot be read
     */
    public CheckResult check(List<Path> specFiles, Path outputDirectory) throws OutputException, IOException {
        Compilation compilation;
        try {
            compilation = compile(specFiles);
        } catch (SpecException e) {
            return new CheckResult(e.problems(), new PolicyReport(engine.rules(), List.of()), List.of(), outputDirectory,
                    settings.failOn());
        }
        return new CheckResult(List.of(), compilation.policy(), writer.drift(compilation.output(), outputDirectory),
                outputDirectory, settings.failOn());
    }

    /**
     * The policy findings that fail the build ({@code failOn}) on what remains of an invalid spec,
     * as problems, so one run reports them with the spec's own problems instead of after the fix.
     * None when that remainder cannot be built (its problems are reported already).
     */
    private List<SpecProblem> policyProblems(ApplicationSpec partial) {
        PolicyReport report;
        try {
            report = engine.evaluate(builder.apply(partial));
        } catch (SpecException | RuntimeException e) {
            return List.of();
        }
        // one problem per rule, location and message, naming the environments it occurs in
        Map<List<Object>, java.util.SortedSet<String>> environments = new java.util.LinkedHashMap<>();
        Map<List<Object>, dev.shipshape.policy.Finding> first = new HashMap<>();
        report.findings().stream()
                .filter(f -> !f.suppressed() && f.severity().atLeast(settings.failOn()) && f.location() != null)
                .forEach(f -> {
                    List<Object> key = List.of(f.location(), f.ruleId(), f.message());
                    environments.computeIfAbsent(key, k -> new java.util.TreeSet<>()).addAll(f.environments());
                    first.putIfAbsent(key, f);
                });
        List<SpecProblem> problems = new ArrayList<>();
        environments.forEach((key, names) -> {
            dev.shipshape.policy.Finding f = first.get(key);
            problems.add(new SpecProblem(f.location(), "policy " + f.ruleId() + " (" + f.severity().label() + ", "
                    + String.join(", ", names) + "): " + f.message(), f.remediation()));
        });
        return problems;
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
