package dev.shipshape.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import dev.shipshape.Parallel;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.model.SpecFields;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecException;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Evaluates policy rules on the spec and on every rendered object of every environment.
 * Built once (every CEL expression is compiled in {@link Builder#build()}), then used for any
 * number of models; safe to share between threads (its only state are caches of compiled regular
 * expressions and of check outcomes, which never change a result).
 *
 * <p>Cost is linear in the number of objects: each environment's objects are indexed once
 * ({@link ObjectIndex}) so that {@code set} rules look related objects up instead of scanning them,
 * and objects are evaluated in parallel chunks whose findings keep object order.
 */
public final class PolicyEngine {

    /** Objects per parallel task: large enough to amortize scheduling (each object costs tens of microseconds). */
    private static final int CHUNK_SIZE = 64;

    private final List<CompiledRule> rules;
    private final Map<String, List<CompiledRule>> rulesByKind;
    private final Set<String> knownRuleIds;
    private final StandardVariables standardVariables;
    private final ObjectTrees trees = new ObjectTrees();
    private final ObjectYaml yaml = new ObjectYaml();

    private PolicyEngine(List<CompiledRule> rules, Set<String> knownRuleIds, StandardVariables standardVariables) {
        this.rules = List.copyOf(rules);
        Map<String, List<CompiledRule>> byKind = new HashMap<>();
        for (CompiledRule rule : this.rules) {
            for (String kind : new LinkedHashSet<>(rule.rule().target().kinds())) {
                if (rule.rule().target().appliesTo(kind)) {
                    byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(rule);
                }
            }
        }
        byKind.replaceAll((kind, list) -> List.copyOf(list));
        this.rulesByKind = Map.copyOf(byKind);
        this.knownRuleIds = Set.copyOf(knownRuleIds);
        this.standardVariables = standardVariables;
    }

    /** A builder starting from the default rules. */
    public static Builder builder() {
        return new Builder();
    }

    /** The enabled rules, sorted by id, with user overrides applied. */
    public List<Rule> rules() {
        return rules.stream().map(CompiledRule::rule).toList();
    }

    /**
     * Checks a model: spec rules against each environment's resolved spec, object rules against
     * each environment's objects as they are written ({@link ObjectYaml#tree}, the renderers' serialization). An environment-less model is checked as environment {@code default}.
     * Findings covered by the spec's exemptions or the model's own ({@link ApplicationModel#exemptions()})
     * are kept, suppressed.
     *
     * @throws SpecException when an exemption has no reason or names an unknown rule
     */
    public PolicyReport evaluate(ApplicationModel model) throws SpecException {
        Exemptions exemptions = new Exemptions(model.spec().exemptions(), model.exemptions(), knownRuleIds);
        Map<String, List<HasMetadata>> environments = model.environments().isEmpty()
                ? Map.of("default", model.defaults()) : model.environments();
        List<Finding> findings = new ArrayList<>();
        // the views mostly hold the same containers: each distinct one is checked once for the model
        ContainerOutcomes containers = new ContainerOutcomes();
        for (Map.Entry<String, List<HasMetadata>> environment : new TreeMap<>(environments).entrySet()) {
            Application application = model.spec().views().getOrDefault(environment.getKey(), model.spec().defaults());
            // the trees the renderers write (ObjectYaml's serialization), not a second one of the policy engine's own
            List<Map<String, Object>> objects = withDeliveries(model, environment.getKey(), environment.getValue()).stream()
                    .map(o -> trees.map(yaml.tree(o))).toList();
            Map<String, Location> components = new TreeMap<>();
            application.components().forEach(c -> components.put(c.name(), c.location()));
            PolicySubject subject = new PolicySubject(environment.getKey(), objects, applicationTree(application, clusters(model, application.environment())),
                    model.origins(), components, application.location(), model.facts().fields());
            findings.addAll(evaluate(subject, exemptions, containers).findings());
        }
        return new PolicyReport(rules(), findings);
    }

    /**
     * A view's objects and the Flux objects that deliver it (once each: the clusters of one
     * view share their GitRepository and Kustomization names), so Flux objects pass the same gate.
     */
    private static List<HasMetadata> withDeliveries(ApplicationModel model, String view, List<HasMetadata> objects) {
        Map<ObjectKey, HasMetadata> all = new LinkedHashMap<>();
        objects.forEach(object -> all.put(ObjectKey.of(object), object));
        model.deliveries().stream()
                .filter(delivery -> model.spec().viewOf(delivery.cluster()).equals(view))
                .flatMap(delivery -> delivery.objects().stream())
                .forEach(object -> all.putIfAbsent(ObjectKey.of(object), object));
        return List.copyOf(all.values());
    }

    /**
     * Checks one environment. The objects are indexed once ({@link ObjectIndex}, the CEL variable
     * {@code objects}); each object's standard variables are evaluated once and shared by its rules.
     * Chunks of {@value #CHUNK_SIZE} objects are evaluated in parallel ({@link Parallel});
     * the findings come out in object order, then spec findings in rule order, whatever the scheduling.
     *
     * @param subject    the objects and spec of the environment
     * @param exemptions the exemptions that suppress findings
     */
    public PolicyReport evaluate(PolicySubject subject, Exemptions exemptions) {
        return evaluate(subject, exemptions, new ContainerOutcomes());
    }

    /** {@link #evaluate(PolicySubject, Exemptions)} remembering container outcomes in {@code containers}. */
    private PolicyReport evaluate(PolicySubject subject, Exemptions exemptions, ContainerOutcomes containers) {
        ObjectIndex index = new ObjectIndex(subject.objects());
        List<Map<String, Object>> objects = subject.objects();
        int chunks = (objects.size() + CHUNK_SIZE - 1) / CHUNK_SIZE;
        List<Finding> findings = new ArrayList<>();
        // chunks run in parallel (Parallel: at most one thread per processor); their findings come
        // back in object order, exactly as a sequential loop would give them
        Parallel.map(IntStream.range(0, chunks).boxed().toList(),
                        chunk -> evaluateObjects(objects.subList(chunk * CHUNK_SIZE,
                                Math.min(objects.size(), (chunk + 1) * CHUNK_SIZE)), subject, index, containers))
                .forEach(findings::addAll);
        if (!subject.application().isEmpty()) {
            for (CompiledRule rule : rules) {
                if (rule.rule().target().scope() == Target.Scope.SPEC) {
                    findings.addAll(evaluateSpecRule(rule, subject));
                }
            }
        }
        List<Finding> resolved = findings.stream()
                .map(f -> exemptions.find(f).map(f::suppressedBy).orElse(f))
                .toList();
        return new PolicyReport(rules(), resolved);
    }

    /** The findings of the object rules on some objects of an environment, in object order. */
    private List<Finding> evaluateObjects(List<Map<String, Object>> objects, PolicySubject subject, ObjectIndex index,
                                          ContainerOutcomes containers) {
        List<Finding> findings = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            List<CompiledRule> applicable = rulesByKind.getOrDefault(String.valueOf(object.get("kind")), List.of());
            if (applicable.isEmpty()) {
                continue;
            }
            ObjectKey key = ObjectTrees.key(object);
            String component = subject.componentOf(object);
            Location location = subject.origins().getOrDefault(key,
                    component != null ? subject.componentLocations().get(component) : subject.applicationLocation());
            Map<String, Object> variables;
            try {
                variables = standardVariables.evaluate(object);
            } catch (CelEvaluationException e) {
                for (CompiledRule rule : applicable) {
                    findings.add(new Finding(rule.rule().id(), rule.rule().severity(),
                            "the object cannot be checked: " + e.getMessage(), rule.rule().remediation(),
                            rule.rule().documentation(), key, null, component, subject.environment(), location, null));
                }
                continue;
            }
            Activation activation = new Activation();
            activation.bind("object", object);
            activation.bind("variables", variables);
            activation.bind("environment", subject.environment());
            activation.bind("objects", index);
            Scope scope = new Scope(subject, key, component, location, containers, new ContainerOutcomes.Containers());
            for (CompiledRule rule : applicable) {
                // Only this rule's evaluation reads the variables: each rule replaces params in place.
                variables.put("params", rule.rule().parameters());
                findings.addAll(evaluateChecks(rule, activation, scope, variables, "container"));
            }
        }
        return findings;
    }

    private List<Finding> evaluateSpecRule(CompiledRule rule, PolicySubject subject) {
        Activation activation = new Activation();
        activation.bind("application", subject.application());
        activation.bind("environment", subject.environment());
        activation.bind("variables", Map.of("params", rule.rule().parameters()));
        Map<String, Object> collections = Map.of("components",
                subject.application().getOrDefault("components", List.of()));
        Scope scope = new Scope(subject, null, null, subject.applicationLocation(), null, null);
        return evaluateChecks(rule, activation, scope, collections, "component");
    }

    /**
     * Where findings of one evaluation go, and for an object, the container outcomes of the model's
     * evaluation and the keys of the object's containers ({@code null} for the spec).
     */
    private record Scope(PolicySubject subject, ObjectKey object, String component, Location location,
                         ContainerOutcomes outcomes, ContainerOutcomes.Containers containers) {

        String environment() {
            return subject.environment();
        }

        /**
         * Where a finding of a check is reported, and the fix it suggests: the line of the spec field
         * that sets what the check reads ({@link Check#specField}) when the spec writes it; the
         * object's origin otherwise, and then the fix says which field to add.
         */
        Finding finding(Rule rule, CompiledRule.CompiledCheck check, Severity severity, CheckResults.Failure failure,
                        String container) {
            String remediation = failure.remediation() != null ? failure.remediation() : rule.remediation();
            Location at = location;
            String field = check.check().specField();
            if (field != null && component != null && subject.fields() != null) {
                Optional<SpecFields.Field> found = subject.fields().find(environment(), component, container, field);
                if (found.isPresent()) {
                    if (found.get().location() != null) {
                        at = found.get().location();
                    } else {
                        remediation = "Add `" + found.get().path() + "` to component " + component + ". " + remediation;
                    }
                }
            }
            return new Finding(rule.id(), severity, failure.message(), remediation, rule.documentation(),
                    object, container, component, environment(), at, null);
        }
    }

    /**
     * The variables of one evaluation, read by CEL without copying: bound once per object (or spec),
     * with the {@code forEach} element bound and unbound around each evaluation. Confined to one thread.
     */
    private static final class Activation implements CelVariableResolver {

        private final Map<String, Object> values = new HashMap<>();

        void bind(String name, Object value) {
            values.put(name, value);
        }

        void unbind(String name) {
            values.remove(name);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) values.get("object");
        }

        @Override
        public Optional<Object> find(String name) {
            return Optional.ofNullable(values.get(name));
        }
    }

    private List<Finding> evaluateChecks(CompiledRule compiled, Activation activation, Scope scope,
                                         Map<String, Object> collections, String elementVariable) {
        Rule rule = compiled.rule();
        List<Finding> findings = new ArrayList<>();
        for (CompiledRule.CompiledCheck check : compiled.checks()) {
            Severity severity = check.check().severity() != null ? check.check().severity() : rule.severity();
            List<?> elements = check.check().forEach() == null ? java.util.Collections.singletonList(null)
                    : collections.get(check.check().forEach()) instanceof List<?> list ? list : List.of();
            for (Object element : elements) {
                String elementName = null;
                if (element != null) {
                    activation.bind(elementVariable, element);
                    elementName = element instanceof Map<?, ?> map && map.get("name") != null ? map.get("name").toString() : null;
                }
                CheckResults.Failure failure;
                if (check.containerOnly() && element != null && scope.outcomes() != null) {
                    failure = scope.outcomes().outcome(check, scope.containers().key(element), () -> failure(check, activation));
                } else if (check.results() == null || rule.target().scope() == Target.Scope.SPEC) {
                    failure = failure(check, activation);
                } else {
                    failure = check.results().outcome(activation.object(), scope.environment(), () -> failure(check, activation));
                }
                if (failure != null) {
                    boolean container = "container".equals(elementVariable);
                    findings.add(container || elementName == null ? scope.finding(rule, check, severity, failure, container ? elementName : null)
                            : new Scope(scope.subject(), scope.object(), elementName,
                                    scope.subject().componentLocations().getOrDefault(elementName, scope.location()), null, null)
                                    .finding(rule, check, severity, failure, null));
                }
            }
            activation.unbind(elementVariable);
        }
        return findings;
    }

    /** How a check fails: its message and, from its {@code remediationExpression}, its fix; {@code null} when it passes. */
    private static CheckResults.Failure failure(CompiledRule.CompiledCheck check, Activation activation) {
        String message = failureMessage(check, activation);
        return message == null ? null : new CheckResults.Failure(message, text(check.remediationExpression(), activation));
    }

    /** The string a CEL expression returns, or {@code null} without one, on an error or a blank result. */
    private static String text(CelExpressionCompiler.CompiledExpression expression, Activation activation) {
        if (expression == null) {
            return null;
        }
        try {
            return expression.eval(activation) instanceof String text && !text.isBlank() ? text : null;
        } catch (CelEvaluationException e) {
            return null;
        }
    }

    /** The message of a failed check, or {@code null} when the check passes. */
    private static String failureMessage(CompiledRule.CompiledCheck check, Activation activation) {
        Object result;
        try {
            result = check.expression().eval(activation);
        } catch (CelEvaluationException e) {
            return "the check cannot be evaluated (" + e.getMessage() + "): " + check.check().message();
        }
        if (Boolean.TRUE.equals(result)) {
            return null;
        }
        if (!(result instanceof Boolean)) {
            return "the check returned " + result + " instead of true or false: " + check.check().message();
        }
        String message = text(check.messageExpression(), activation);
        return message != null ? message : check.check().message();
    }

    /** The clusters that run an environment, as spec rules see them ({@code application.clusters}): name and region, in spec order. */
    private static List<Map<String, Object>> clusters(ApplicationModel model, String environment) {
        return model.spec().clusters().stream().filter(cluster -> cluster.environment().equals(environment))
                .map(cluster -> {
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("name", cluster.name());
                    if (cluster.region() != null) {
                        node.put("region", cluster.region());
                    }
                    return node;
                })
                .toList();
    }

    /**
     * The application tree spec rules see as {@code application}: the view's fields, its components
     * (each with {@code type}) and {@code clusters}, the clusters that run the view's environment.
     */
    private Map<String, Object> applicationTree(Application application, List<Map<String, Object>> clusters) {
        Map<String, Object> tree = new LinkedHashMap<>(trees.map(application));
        tree.put("clusters", clusters);
        List<Object> components = new ArrayList<>();
        for (Component component : application.components()) {
            Map<String, Object> node = new LinkedHashMap<>(trees.map(component));
            node.put("type", component.type());
            components.add(node);
        }
        tree.put("components", components);
        return tree;
    }

    /**
     * Configures an engine: which rules, their severities and parameters. Every error (an unknown
     * rule id, a rule file that does not parse, CEL that does not compile) surfaces in {@link #build()}.
     */
    public static final class Builder {

        private boolean defaultRules = true;
        private final List<Path> directories = new ArrayList<>();
        private final Map<String, Severity> severities = new TreeMap<>();
        private final Map<String, Boolean> enabled = new TreeMap<>();
        private final Map<String, Map<String, Object>> parameters = new TreeMap<>();

        private Builder() {
        }

        /** Whether to start from the rules shipped with shipshape (default true). */
        public Builder defaultRules(boolean include) {
            this.defaultRules = include;
            return this;
        }

        /** Adds a directory of user rule files ({@code <id>.yaml}); ids must not repeat a loaded rule's. */
        public Builder ruleDirectory(Path directory) {
            directories.add(directory);
            return this;
        }

        /** Changes the severity of every finding of a rule. */
        public Builder severity(String ruleId, Severity severity) {
            severities.put(ruleId, severity);
            return this;
        }

        /** Turns a rule off. */
        public Builder disable(String ruleId) {
            enabled.put(ruleId, false);
            return this;
        }

        /** Turns on a rule that is off by default (for example {@code cpu-limit}). */
        public Builder enable(String ruleId) {
            enabled.put(ruleId, true);
            return this;
        }

        /** Replaces some parameters of a rule (for example {@code allowedRegistries}). */
        public Builder parameters(String ruleId, Map<String, Object> values) {
            parameters.computeIfAbsent(ruleId, id -> new TreeMap<>()).putAll(values);
            return this;
        }

        /**
         * Loads and compiles the rules, disabled ones included (a broken rule is an error even when off).
         *
         * @throws PolicyException naming the rule file of an invalid rule, a duplicate id, or an
         *                         override of a rule that does not exist
         */
        public PolicyEngine build() {
            // reading the rule files (Jackson's YAML) and building CEL's runtime load disjoint classes: on two threads
            List<Object> prepared = Parallel.map(List.<Supplier<Object>>of(this::loadRules, CelExpressionCompiler::new),
                    Supplier::get);
            @SuppressWarnings("unchecked")
            List<Rule> all = (List<Rule>) prepared.get(0);
            CelExpressionCompiler compiler = (CelExpressionCompiler) prepared.get(1);
            Map<String, Rule> loaded = new TreeMap<>();
            for (Rule rule : all) {
                Rule previous = loaded.put(rule.id(), rule);
                if (previous != null) {
                    throw new PolicyException(rule.source() + ": rule id '" + rule.id() + "' is already defined by "
                            + previous.source() + "; give the rule another id or disable the other one");
                }
            }
            Set<String> overridden = new TreeSet<>(severities.keySet());
            overridden.addAll(enabled.keySet());
            overridden.addAll(parameters.keySet());
            overridden.removeAll(loaded.keySet());
            if (!overridden.isEmpty()) {
                throw new PolicyException("the configuration names unknown rules " + overridden
                        + "; the rules are listed in policies/README.md");
            }
            // compiled in parallel, kept in id order (the first failure in id order is the one reported)
            List<CompiledRule> everyRule = Parallel.map(List.copyOf(loaded.values()), rule -> {
                Rule effective = rule;
                if (severities.containsKey(rule.id())) {
                    effective = effective.withSeverity(severities.get(rule.id()));
                }
                if (parameters.containsKey(rule.id())) {
                    effective = effective.withParameters(parameters.get(rule.id()));
                }
                return CompiledRule.compile(effective, compiler);
            });
            List<CompiledRule> compiled = everyRule.stream()
                    .filter(rule -> enabled.getOrDefault(rule.rule().id(), rule.rule().enabledByDefault()))
                    .toList();
            return new PolicyEngine(compiled, loaded.keySet(), new StandardVariables(compiler));
        }

        /** The default rules (when included), then each directory's. */
        private List<Rule> loadRules() {
            RuleLoader loader = new RuleLoader();
            List<Rule> all = new ArrayList<>(defaultRules ? loader.loadDefaults() : List.of());
            directories.forEach(directory -> all.addAll(loader.loadDirectory(directory)));
            return all;
        }
    }
}
