package dev.shipshape.render.helm;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.SharedTrees;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import io.fabric8.kubernetes.api.model.HasMetadata;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides a chart from an application model: which fields of which objects are values, under
 * which keys, with which value in each environment.
 *
 * <p>The objects are the model's, as JSON trees ({@link ObjectYaml#tree}); a field is a value when
 * {@link FieldRules} lifts it or when {@link ObjectDiff} finds it differing between the default
 * view and an environment (or between two environments, for an object the default view lacks). A
 * field added or removed by some environment becomes an optional value. An object that not every
 * view has gets an {@code enabled} flag. Two fields share one key when they agree in every view
 * (the host of an Ingress and of its Certificate); otherwise the later one, in object and field
 * order, takes its fallback name.
 */
final class ChartPlanner {

    /** Kinds that scale a workload; their flag is the one {@code <group>.autoscaling.enabled} knob of a Helm chart. */
    private static final Set<String> AUTOSCALERS = Set.of("HorizontalPodAutoscaler", "ScaledObject");
    private static final String AUTOSCALING = "autoscaling";

    /** The view name of the default view inside the planner; environment names are DNS labels, never empty. */
    private static final String DEFAULT_VIEW = "";

    private final ObjectYaml yaml;
    private final ObjectDiff diff;

    /**
     * @param yaml the shared YAML and JSON tree writer
     * @param diff the shared object diff
     */
    ChartPlanner(ObjectYaml yaml, ObjectDiff diff) {
        this.yaml = yaml;
        this.diff = diff;
    }

    /**
     * @param model an application model
     * @return the chart's plan
     * @throws IllegalStateException if the model lists an object twice in one view
     */
    ChartPlan plan(ApplicationModel model) {
        SharedTrees trees = new SharedTrees(yaml);
        SortedMap<String, SortedMap<ObjectKey, ObjectNode>> views = new TreeMap<>();
        views.put(DEFAULT_VIEW, index(model.defaults(), "the default view", trees));
        model.environments().forEach((env, objects) -> views.put(env, index(objects, "environment " + env, trees)));
        ValueNames names = new ValueNames(componentNames(model));
        FieldRules rules = new FieldRules(routeCertificates(model));
        Slots slots = new Slots(views.keySet());

        SortedMap<ObjectKey, Slot> flags = new TreeMap<>();
        SortedMap<ObjectKey, Map<JsonPointer, Slot>> bindings = new TreeMap<>();
        SortedMap<ObjectKey, ObjectNode> references = new TreeMap<>();
        Set<ObjectKey> keys = new TreeSet<>();
        views.values().forEach(objects -> keys.addAll(objects.keySet()));

        for (ObjectKey key : keys) {
            SortedMap<String, ObjectNode> present = new TreeMap<>();
            views.forEach((view, objects) -> {
                if (objects.containsKey(key)) {
                    present.put(view, objects.get(key));
                }
            });
            ObjectNode reference = present.values().iterator().next();
            references.put(key, reference);
            if (present.size() < views.size()) {
                Map<String, JsonNode> enabled = new HashMap<>();
                views.keySet().forEach(view -> enabled.put(view, BooleanNode.valueOf(present.containsKey(view))));
                ValueKey flag = ValueKey.of(names.group(reference, false),
                        AUTOSCALERS.contains(key.kind()) ? AUTOSCALING : names.objectPart(reference), "enabled");
                flags.put(key, slots.allocate(null, flag, enabled,
                        "renders " + key.kind() + " " + key.name() + " (not every environment has it)", Bounds.NONE, null));
            }
        }
        for (ObjectKey key : keys) {
            ObjectNode reference = references.get(key);
            Map<String, ObjectNode> present = new TreeMap<>();
            views.forEach((view, objects) -> {
                if (objects.containsKey(key)) {
                    present.put(view, objects.get(key));
                }
            });
            Map<JsonPointer, Slot> fields = new LinkedHashMap<>();
            for (JsonPointer field : fields(rules, reference, present.values(), names)) {
                Map<String, JsonNode> values = new HashMap<>();
                present.forEach((view, tree) -> values.put(view, tree.at(field)));
                JsonNode owner = present.values().stream().filter(tree -> !tree.at(field).isMissingNode()).findFirst().orElseThrow();
                Optional<FieldRules.NamedField> named = rules.name(owner, field, names);
                ValueKey fallback = ValueKey.of(names.group(owner, false), names.objectPart(owner), names.pathPart(owner, field));
                String description = named.map(FieldRules.NamedField::description)
                        .orElse("field " + field + " of " + key.kind() + " " + key.name());
                fields.put(field, slots.allocate(named.map(FieldRules.NamedField::key).orElse(null), fallback, values, description,
                        named.map(FieldRules.NamedField::bounds).orElse(Bounds.NONE), named.map(FieldRules.NamedField::kind).orElse(null)));
            }
            bindings.put(key, fields);
        }

        bindings.values().forEach(fields -> fields.values().forEach(field -> field.negate(flags.values())));
        Map<Slot, ChartValue> values = slots.values();
        List<ChartObject> objects = new ArrayList<>();
        for (ObjectKey key : keys) {
            Map<JsonPointer, ChartValue> bound = new LinkedHashMap<>();
            bindings.get(key).forEach((field, slot) -> bound.put(field, values.get(slot)));
            Slot flag = flags.get(key);
            objects.add(new ChartObject(key, references.get(key), flag == null ? null : values.get(flag), bound));
        }
        Application app = model.spec().defaults();
        Map<String, String> layeredOn = new TreeMap<>();
        model.environments().keySet().forEach(view -> model.spec().parentOf(view).ifPresent(env -> layeredOn.put(view, env)));
        return new ChartPlan(app.name(), app.version(), app.description(), List.copyOf(model.environments().keySet()), objects,
                values.values().stream().sorted(Comparator.comparing(ChartValue::key)).toList(), layeredOn);
    }

    /**
     * The value-bound fields of one object: those rules lift and those that differ between the
     * reference tree and any other view of it (a difference inside a field that is one value as a
     * whole, such as a command line, binds that field); a field inside another is dropped.
     */
    private List<JsonPointer> fields(FieldRules rules, ObjectNode reference, Iterable<ObjectNode> views, ValueNames names) {
        TreeMap<String, JsonPointer> fields = new TreeMap<>();
        rules.lifted(reference, names).forEach(field -> fields.put(field.toString(), field));
        TreeMap<String, JsonPointer> differing = new TreeMap<>();
        for (ObjectNode view : views) {
            differences(JsonPointer.empty(), reference, view, differing);
        }
        differing.values().stream().map(field -> rules.wholeField(reference, field)).forEach(field -> fields.put(field.toString(), field));
        List<JsonPointer> outermost = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, JsonPointer> field : fields.entrySet()) {
            if (last == null || !field.getKey().startsWith(last + "/")) {
                outermost.add(field.getValue());
                last = field.getKey();
            }
        }
        return outermost;
    }

    /**
     * The fields {@link ObjectDiff} reports between two trees; where it replaces a whole list of the
     * same length (a list without {@code name} keys, such as Ingress rules or Certificate
     * dnsNames), the differences of each pair of elements instead, so a host is a value and not the
     * list around it.
     */
    private void differences(JsonPointer at, JsonNode source, JsonNode target, Map<String, JsonPointer> fields) {
        for (ObjectDiff.Operation operation : diff.diff(source, target)) {
            JsonPointer path = operation.path();
            JsonNode before = source.at(path);
            JsonNode after = target.at(path);
            if (operation.op() == ObjectDiff.Op.REPLACE && before.isArray() && after.isArray() && before.size() == after.size()) {
                for (int i = 0; i < before.size(); i++) {
                    differences(append(at, path).appendIndex(i), before.get(i), after.get(i), fields);
                }
            } else {
                JsonPointer field = append(at, path);
                fields.put(field.toString(), field);
            }
        }
    }

    private static JsonPointer append(JsonPointer head, JsonPointer tail) {
        return head.matches() ? tail : tail.matches() ? head : head.append(tail);
    }

    /** The trees of one view by key, shared with the other views where an object is the same (read-only). */
    private static SortedMap<ObjectKey, ObjectNode> index(List<HasMetadata> objects, String view, SharedTrees trees) {
        SortedMap<ObjectKey, ObjectNode> index = new TreeMap<>();
        for (HasMetadata object : objects) {
            if (index.put(ObjectKey.of(object), trees.tree(object)) != null) {
                throw new IllegalStateException(view + " lists " + ObjectKey.of(object) + " twice");
            }
        }
        return HelmHooks.annotate(index);
    }

    /** The Secrets an Ingress serves as its TLS certificate in any view: the Certificates of routes, as opposed to those mounted into pods. */
    private static Set<String> routeCertificates(ApplicationModel model) {
        Set<String> names = new TreeSet<>();
        List<List<HasMetadata>> views = new ArrayList<>(model.environments().values());
        views.add(model.defaults());
        views.forEach(objects -> objects.stream().filter(o -> o instanceof Ingress).map(o -> (Ingress) o)
                .flatMap(ingress -> ingress.getSpec().getTls().stream()).map(IngressTLS::getSecretName).forEach(names::add));
        return names;
    }

    private static Set<String> componentNames(ApplicationModel model) {
        Set<String> names = new TreeSet<>();
        List<Application> apps = new ArrayList<>(model.spec().views().values());
        apps.add(model.spec().defaults());
        apps.forEach(app -> app.components().stream().map(Component::name).forEach(names::add));
        return names;
    }

    /** A value key being allocated: the values it holds in the views known so far. */
    private static final class Slot {
        private final ValueKey key;
        private final String description;
        private final Bounds bounds;
        private final ValueKind kind;
        private final Map<String, JsonNode> values = new HashMap<>();

        Slot(ValueKey key, String description, Bounds bounds, ValueKind kind, Map<String, JsonNode> values) {
            this.key = key;
            this.description = description;
            this.bounds = bounds;
            this.kind = kind;
            this.values.putAll(values);
        }

        /** The flag whose {@code true} leaves this field out, or {@code null}. */
        private Slot unless;

        /**
         * Ties an optional field to the flag of its group whose value is the opposite of the
         * field's presence in every view (a Deployment's {@code replicas}, present exactly where
         * no autoscaler is): the field is then written unless the flag is set, and holds a value
         * in every view (where absent, the one of the default view or else of the first
         * environment that has it), as {@code helm create} writes {@code replicaCount} beside
         * {@code autoscaling.enabled}.
         */
        void negate(Collection<Slot> flags) {
            if (unless != null || values.values().stream().noneMatch(JsonNode::isMissingNode)) {
                return;
            }
            for (Slot flag : flags) {
                boolean opposite = flag.key.path().get(0).equals(key.path().get(0)) && values.entrySet().stream()
                        .allMatch(e -> flag.values.containsKey(e.getKey()) && flag.values.get(e.getKey()).asBoolean() == e.getValue().isMissingNode());
                if (opposite) {
                    JsonNode fill = values.containsKey(DEFAULT_VIEW) && !values.get(DEFAULT_VIEW).isMissingNode() ? values.get(DEFAULT_VIEW)
                            : new TreeMap<>(values).values().stream().filter(v -> !v.isMissingNode()).findFirst().orElseThrow();
                    values.replaceAll((view, value) -> value.isMissingNode() ? fill : value);
                    unless = flag;
                    return;
                }
            }
        }

        /** Whether the values agree in every view both know. */
        boolean agrees(Map<String, JsonNode> other) {
            return other.entrySet().stream().allMatch(e -> !values.containsKey(e.getKey()) || values.get(e.getKey()).equals(e.getValue()));
        }
    }

    /** The keys allocated for one chart, in allocation order. */
    private static final class Slots {
        private final Set<String> views;
        private final Map<ValueKey, Slot> byKey = new LinkedHashMap<>();
        /** Every proper prefix of an allocated key, so that {@link #nestsAllocated} is a few lookups, not a scan. */
        private final Set<List<String>> prefixes = new HashSet<>();

        Slots(Set<String> views) {
            this.views = views;
        }

        /**
         * The slot for a field: the preferred key when it is free or holds the same values, else
         * the fallback key, else the fallback key numbered 2, 3 ...
         */
        Slot allocate(ValueKey preferred, ValueKey fallback, Map<String, JsonNode> values, String description, Bounds bounds,
                      ValueKind kind) {
            List<ValueKey> candidates = new ArrayList<>();
            if (preferred != null) {
                candidates.add(preferred);
            }
            candidates.add(fallback);
            for (int n = 2; ; n++) {
                for (ValueKey key : candidates) {
                    Slot slot = byKey.get(key);
                    if (slot != null && slot.agrees(values)) {
                        slot.values.putAll(values);
                        return slot;
                    }
                    if (slot == null && !nestsAllocated(key)) {
                        Slot created = new Slot(key, description, bounds, kind, values);
                        byKey.put(key, created);
                        for (int size = 1; size < key.path().size(); size++) {
                            prefixes.add(key.path().subList(0, size));
                        }
                        return created;
                    }
                }
                List<String> numbered = new ArrayList<>(fallback.path());
                numbered.set(numbered.size() - 1, fallback.leaf() + n);
                candidates = List.of(new ValueKey(numbered));
            }
        }

        /**
         * Whether an allocated key nests with this one: one is a proper prefix of the other, so both
         * cannot exist in one values tree.
         */
        private boolean nestsAllocated(ValueKey key) {
            if (prefixes.contains(key.path())) {
                return true;
            }
            for (int size = 1; size < key.path().size(); size++) {
                if (byKey.containsKey(new ValueKey(key.path().subList(0, size)))) {
                    return true;
                }
            }
            return false;
        }

        /** The final values: a view no object of a slot is in takes the default view's value, else the first environment's. */
        Map<Slot, ChartValue> values() {
            Map<Slot, ChartValue> values = new LinkedHashMap<>();
            for (Slot slot : byKey.values()) {
                JsonNode fill = slot.values.containsKey(DEFAULT_VIEW) ? slot.values.get(DEFAULT_VIEW)
                        : new TreeMap<>(slot.values).values().iterator().next();
                SortedMap<String, JsonNode> environments = new TreeMap<>();
                for (String view : views) {
                    if (!view.equals(DEFAULT_VIEW)) {
                        environments.put(view, slot.values.getOrDefault(view, fill));
                    }
                }
                JsonNode defaultValue = slot.values.getOrDefault(DEFAULT_VIEW, fill);
                List<JsonNode> all = new ArrayList<>(environments.values());
                all.add(defaultValue);
                boolean optional = all.stream().anyMatch(JsonNode::isMissingNode);
                ValueKind inferred = ValueKind.of(all);
                if (slot.kind == ValueKind.IMAGE && inferred == ValueKind.STRING && !optional) {
                    environments.replaceAll((view, image) -> ImageParts.split(image));
                    values.put(slot, new ChartValue(slot.key, ValueKind.IMAGE, false, slot.description, slot.bounds,
                            ImageParts.split(defaultValue), environments, null));
                } else {
                    values.put(slot, new ChartValue(slot.key, inferred, optional, slot.description, slot.bounds, defaultValue, environments,
                            slot.unless == null ? null : slot.unless.key));
                }
            }
            return values;
        }
    }
}
