package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
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
 *       RFC 7386) and the result validated again;</li>
 *   <li>bind: records with defaults, for the default view and each environment;</li>
 *   <li>cross-references: {@code uses}, env references, secrets, routes, clusters, exemptions.</li>
 * </ol>
 * Instances are immutable and thread-safe; create one and reuse it (compiling the schema is the
 * expensive part).
 */
public final class SpecLoader {

    /** The class-path resource holding the spec schema (JSON Schema draft 2020-12) this loader validates with. */
    public static final String SCHEMA_RESOURCE = SchemaValidator.RESOURCE;

    private final YamlSource yaml;
    private final SchemaValidator schema;
    private final EnvironmentMerger merger = new EnvironmentMerger();
    private final SpecBinder binder = new SpecBinder();
    private final ReferenceChecker checker = new ReferenceChecker();
    private final String deliveryPath;

    /** A loader with {@link LoaderLimits#DEFAULTS}. */
    public SpecLoader() {
        this(LoaderLimits.DEFAULTS);
    }

    /** @param limits limits on file size, aliases, nesting and expanded size */
    public SpecLoader(LoaderLimits limits) {
        this(limits, SpecBinder.DEFAULT_DELIVERY_PATH);
    }

    /**
     * @param limits       limits on file size, aliases, nesting and expanded size
     * @param deliveryPath the default of {@code spec.delivery.path}: where the output directory is inside the
     *                     Git repository, without {@code ./} ({@code ""} for the repository's root); a spec that
     *                     sets the field keeps its value
     */
    public SpecLoader(LoaderLimits limits, String deliveryPath) {
        this.yaml = new YamlSource(limits);
        this.schema = new SchemaValidator();
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
        problems.addAll(schema.validate(document.root(), document.sourceMap()));
        problems.addAll(SecretLiteralDetector.scan(document.root(), document.sourceMap()));
        List<EnvironmentMerger.Merged> environments = new ArrayList<>();
        if (document.root().path("spec").isObject()) {
            for (String environment : environmentNames(document.root())) {
                EnvironmentMerger.Merged merged = merger.merge(document, environment);
                problems.addAll(merged.problems());
                problems.addAll(environment, schema.validate(merged.root(), merged.sourceMap()));
                environments.add(merged);
            }
        }
        problems.throwIfAny();

        Application defaults = binder.application(document.root(), document.sourceMap(), null);
        problems.addAll(checker.check(defaults, document.sourceMap()));
        SortedMap<String, Application> resolved = new TreeMap<>();
        for (EnvironmentMerger.Merged merged : environments) {
            Application application = binder.application(merged.root(), merged.sourceMap(), merged.environment());
            problems.addAll(merged.environment(), checker.check(application, merged.sourceMap()));
            resolved.put(merged.environment(), application);
        }
        ApplicationSpec spec = new ApplicationSpec(file, defaults, Collections.unmodifiableSortedMap(resolved),
                binder.delivery(document.root(), deliveryPath), binder.clusters(document.root(), document.sourceMap()),
                binder.exemptions(document.root(), document.sourceMap()),
                binder.admissionPolicies(document.root()));
        problems.addAll(checker.checkSpec(spec, document.sourceMap()));
        problems.throwIfAny();
        return spec;
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
        problems.throwIfAny();
        return List.copyOf(specs);
    }

    private static List<String> environmentNames(JsonNode root) {
        List<String> names = new ArrayList<>();
        root.path("spec").path("environments").fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
