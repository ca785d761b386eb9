package dev.shipshape.spec;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.model.ModelBuilder;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Loads spec files: YAML with source positions, JSON Schema validation, binding with defaults,
 * environment overrides and cross-reference checks.
 *
 * <p>The stages, each reporting every problem it can before the next one runs:
 * <ol>
 *   <li>read: strict UTF-8, YAML syntax, one document, no duplicate keys, within {@link LoaderLimits};</li>
 *   <li>validate: the spec schema ({@code application.schema.json}) and secret literals;</li>
 *   <li>environments: each {@code spec.environments.<env>} merged into the spec (JSON Merge Patch,
 *       RFC 7386), and each cluster's {@code overrides} over its environment's, each result validated again;</li>
 *   <li>bind: records with defaults, for the default view and each environment;</li>
 *   <li>cross-references: {@code uses}, env references, {@code envFrom} groups and secrets, secrets, routes, clusters, exemptions;</li>
 *   <li>patches: once everything else is right, each view's objects are built and the components'
 *       {@code patches} applied to them ({@link ModelBuilder#patchProblems}).</li>
 * </ol>
 * Instances are immutable and thread-safe; create one and reuse it (compiling the schema is the
 * expensive part).
 */
public final class SpecLoader {

    /** The class-path resource holding the spec schema (JSON Schema draft 2020-12) this loader validates with. */
    public static final String SCHEMA_RESOURCE = SpecSchema.PUBLISHED_RESOURCE;
    /** The default of {@code spec.delivery.path} when the output's place in the repository is unknown. */
    public static final String DEFAULT_DELIVERY_PATH = SpecBinder.DEFAULT_DELIVERY_PATH;

    private final YamlSource yaml;
    private final SchemaValidator schema;
    private final EnvironmentMerger merger = new EnvironmentMerger();
    private final SpecBinder binder;
    private final SopsFiles sops;
    private final ReferenceChecker checker;
    private final ModelBuilder patchCheck;
    private final String deliveryPath;

    /** A loader with {@link LoaderLimits#DEFAULTS} for the {@linkplain ComponentKinds#standard() standard kinds}. */
    public SpecLoader() {
        this(LoaderLimits.DEFAULTS);
    }

    /** @param limits limits on file size, aliases, nesting and expanded size */
    public SpecLoader(LoaderLimits limits) {
        this(limits, ComponentKinds.standard(), SpecBinder.DEFAULT_DELIVERY_PATH);
    }

    /**
     * @param limits       limits on file size, aliases, nesting and expanded size
     * @param deliveryPath the default of {@code spec.delivery.path}: where the output directory is inside the
     *                     Git repository, without {@code ./} ({@code ""} for the repository's root); a spec that
     *                     sets the field keeps its value
     */
    public SpecLoader(LoaderLimits limits, String deliveryPath) {
        this(limits, ComponentKinds.standard(), deliveryPath);
    }

    /**
     * @param limits       limits on file size, aliases, nesting and expanded size
     * @param kinds        the component kinds a spec may use (their schema branches, binding and checks)
     * @param deliveryPath the default of {@code spec.delivery.path} (see {@link #SpecLoader(LoaderLimits, String)})
     */
    public SpecLoader(LoaderLimits limits, ComponentKinds kinds, String deliveryPath) {
        this.yaml = new YamlSource(limits);
        this.sops = new SopsFiles(yaml);
        this.schema = new SchemaValidator(SpecSchema.assemble(kinds));
        this.binder = new SpecBinder(kinds);
        this.checker = new ReferenceChecker(kinds);
        this.patchCheck = new ModelBuilder(kinds);
        this.deliveryPath = deliveryPath;
    }

    /**
     * Loads one spec file.
     *
     * @param file a spec file
     * @return the validated spec
     * @throws SpecException listing every problem found, each with {@code file:line:column}
     */
    public ApplicationSpec load(Path file) throws SpecException {
        YamlDocument document = yaml.read(file);
        Problems problems = new Problems();
        problems.addAll(document.problems());
        List<SchemaValidator.Violation> violations = new ArrayList<>(schema.violations(document.root(), document.sourceMap()));
        problems.addAll(violations.stream().map(SchemaValidator.Violation::problem).toList());
        problems.addAll(SecretLiteralDetector.scan(document.root(), document.sourceMap()));
        boolean mergeProblems = false;
        List<EnvironmentMerger.Merged> environments = new ArrayList<>();
        if (document.root().path("spec").isObject()) {
            for (EnvironmentMerger.Merged merged : views(document)) {
                problems.addAll(merged.problems());
                mergeProblems |= !merged.problems().isEmpty();
                List<SchemaValidator.Violation> found = schema.violations(merged.root(), merged.sourceMap());
                problems.addAll(merged.label(), found.stream().map(SchemaValidator.Violation::problem).toList());
                violations.addAll(found);
                environments.add(merged);
            }
        }
        if (violations.isEmpty() && !mergeProblems && document.problems().isEmpty()) {
            ApplicationSpec spec = bindAndCheck(file, document, environments, problems, Set.of());
            if (problems.list().isEmpty()) {
                ModelBuilder.PatchProblems patches = patchCheck.patchProblems(spec);
                problems.addAll(patches.defaults());
                environments.forEach(merged -> problems.addAll(merged.label(), patches.environments().getOrDefault(merged.view(), List.of())));
            }
            problems.throwIfAny(null);
            return spec;
        }
        problems.throwIfAny(document.problems().isEmpty() && !mergeProblems ? checkPruned(file, document, violations, problems) : null);
        throw new IllegalStateException("unreachable: violations without problems");
    }

    /**
     * Binds and checks what remains of a spec once the parts its schema violations are about are
     * removed ({@link SpecPruning}), adding the problems found there, so one run reports them too.
     *
     * @return the remaining spec when it binds (its own problems are added), else {@code null}
     */
    private ApplicationSpec checkPruned(Path file, YamlDocument document, List<SchemaValidator.Violation> violations, Problems problems) {
        Optional<SpecPruning.Pruned> pruned = SpecPruning.prune(document.root(), violations);
        if (pruned.isEmpty()) {
            return null;
        }
        YamlDocument remaining = new YamlDocument(pruned.get().root(), document.sourceMap(), List.of());
        if (!schema.violations(remaining.root(), remaining.sourceMap()).isEmpty()) {
            return null;
        }
        List<EnvironmentMerger.Merged> environments = new ArrayList<>();
        for (EnvironmentMerger.Merged merged : views(remaining)) {
            if (!merged.problems().isEmpty() || !schema.violations(merged.root(), merged.sourceMap()).isEmpty()) {
                return null;
            }
            environments.add(merged);
        }
        Problems found = new Problems();
        ApplicationSpec spec = bindAndCheck(file, remaining, environments, found, pruned.get().components());
        problems.addAll(found.list());
        return spec;
    }

    /**
     * Binds a schema-valid spec and runs the cross-reference checks, leaving out the problems that
     * name a component of {@code dropped} (removed for a schema problem already reported).
     */
    private ApplicationSpec bindAndCheck(Path file, YamlDocument document, List<EnvironmentMerger.Merged> environments,
                                         Problems problems, Set<String> dropped) {
        List<SpecProblem> sopsProblems = new ArrayList<>();
        Map<String, SopsFile> sopsFiles = sops.read(file, document.root(), document.sourceMap(), sopsProblems);
        problems.addAll(sopsProblems);
        Application defaults = binder.application(document.root(), document.sourceMap(), null, sopsFiles);
        problems.addAll(withoutDropped(checker.check(defaults, document.sourceMap()), dropped));
        problems.addAll(withoutDropped(EnvGroups.check(document.root(), document.sourceMap()), dropped));
        SortedMap<String, Application> resolved = new TreeMap<>();
        SortedMap<String, Application> clusterViews = new TreeMap<>();
        Map<String, SourceMap> positions = new TreeMap<>();
        for (EnvironmentMerger.Merged merged : environments) {
            positions.put(merged.view(), merged.sourceMap());
            Application application = binder.application(merged.root(), merged.sourceMap(), merged.environment(), sopsFiles);
            problems.addAll(merged.label(), withoutDropped(checker.check(application, merged.sourceMap()), dropped));
            problems.addAll(merged.label(), withoutDropped(EnvGroups.check(merged.root(), merged.sourceMap()), dropped));
            (merged.view().equals(merged.environment()) ? resolved : clusterViews).put(merged.view(), application);
        }
        ApplicationSpec spec = new ApplicationSpec(file, defaults, Collections.unmodifiableSortedMap(resolved),
                binder.delivery(document.root(), deliveryPath), binder.clusters(document.root(), document.sourceMap()),
                binder.exemptions(document.root(), document.sourceMap()),
                binder.admissionPolicies(document.root()), binder.platform(document.root(), document.sourceMap()),
                SpecPositions.of(document.sourceMap(), positions), Collections.unmodifiableSortedMap(clusterViews),
                ComponentGroups.bind(document.root()));
        problems.addAll(withoutDropped(checker.checkSpec(spec, document.sourceMap()), dropped));
        problems.addAll(withoutDropped(ComponentGroups.check(spec, document.sourceMap()), dropped));
        return spec;
    }

    private static List<SpecProblem> withoutDropped(List<SpecProblem> problems, Set<String> dropped) {
        return problems.stream().filter(p -> dropped.stream().noneMatch(name -> p.message().contains("`" + name + "`"))).toList();
    }

    /**
     * Loads several spec files, reporting the problems of all of them at once. Two specs may not
     * declare the same application name, because the name is the namespace and the output folder.
     *
     * @param files spec files
     * @return the validated specs, in the order of {@code files}
     * @throws SpecException listing every problem of every file
     */
    public List<ApplicationSpec> loadAll(List<Path> files) throws SpecException {
        List<ApplicationSpec> specs = new ArrayList<>();
        Problems problems = new Problems();
        Map<String, ApplicationSpec> byName = new HashMap<>();
        for (Path file : files) {
            try {
                ApplicationSpec spec = load(file);
                ApplicationSpec first = byName.putIfAbsent(spec.name(), spec);
                if (first != null) {
                    problems.addAll(List.of(new SpecProblem(spec.defaults().location(),
                            "Application `" + spec.name() + "` is also declared in " + first.file() + "; application names must be unique.",
                            "Rename one of the two applications (metadata.name).")));
                }
                specs.add(spec);
            } catch (SpecException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(ComponentGroups.checkAcross(specs));
        problems.throwIfAny();
        return List.copyOf(specs);
    }

    /**
     * The merged trees of a document's views: each environment's, sorted by name, then each
     * cluster's with overrides ({@code spec.clusters[i].overrides}, a non-empty mapping) whose
     * environment is declared and whose name is unique and no environment's (the
     * {@link ReferenceChecker} reports the others), in spec order.
     */
    private List<EnvironmentMerger.Merged> views(YamlDocument document) {
        JsonNode spec = document.root().path("spec");
        List<String> environments = new ArrayList<>();
        spec.path("environments").fieldNames().forEachRemaining(environments::add);
        List<EnvironmentMerger.Merged> views = new ArrayList<>();
        environments.stream().sorted().forEach(environment -> views.add(merger.merge(document, environment)));
        JsonNode clusters = spec.path("clusters");
        Set<String> names = new HashSet<>(environments);
        for (int i = 0; i < clusters.size(); i++) {
            JsonNode cluster = clusters.get(i);
            JsonNode overrides = cluster.path("overrides");
            if (overrides.isObject() && !overrides.isEmpty() && spec.path("environments").has(cluster.path("environment").asText())
                    && names.add(cluster.path("name").asText())) {
                views.add(merger.mergeCluster(document, i));
            }
        }
        return views;
    }
}
