package dev.shipshape.model.patch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.ObjectPatch;
import dev.shipshape.spec.SpecProblem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.zjsonpatch.CompatibilityFlags;
import io.fabric8.zjsonpatch.JsonPatch;
import io.fabric8.zjsonpatch.JsonPatchException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Applies a component's {@code patches} to the objects generated for it, inside the model: the
 * patched objects replace the generated ones, so the Kustomize base and overlays, the Helm chart
 * (whose values come from how the objects differ per environment) and the policies all read them;
 * the runbook states the spec's facts, not patched fields. Strategic merge patches follow Kubernetes' rules ({@link StrategicMerge}); JSON
 * Patch (RFC 6902) operations are applied by fabric8's {@code zjsonpatch}, one at a time so a
 * failure names its operation.
 *
 * <p>Refused, each as a spec problem at the patch: a target the component does not own (or two
 * candidates without {@code target.name}); a change to what the generator relies on
 * ({@link GuardedFields}); a patched object that is no longer a valid object of its kind (a value
 * of the wrong type, or a field its Kubernetes type does not have — fabric8 would keep it in
 * {@code additionalProperties}). Custom resources (cert-manager, Prometheus Operator, KEDA
 * objects) have no typed model here: their patched fields are not checked beyond the guarded ones.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ObjectPatches {

    /** RFC 6902 strictly: {@code remove} of a missing member fails, as it does in kubectl and Kustomize (zjsonpatch ignores it by default). */
    private static final EnumSet<CompatibilityFlags> RFC_6902 = EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private final ObjectMapper mapper = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
    private final UnknownFields unknownFields = new UnknownFields(mapper);

    /**
     * A component's objects after its patches.
     *
     * @param objects  the objects, in the order given, the patched ones replaced
     * @param problems the patches that could not be applied, in patch order; empty when all applied
     */
    public record Result(List<HasMetadata> objects, List<SpecProblem> problems) {

        public Result {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
        }
    }

    /**
     * @param component the component's name (the default target name)
     * @param patches   its patches, in order; each applies to the result of the ones before
     * @param owned     the objects generated for the component (its kind's, its routes', its ServiceMonitor)
     * @return the patched objects, or the problems of the patches that failed (the objects then as far as patched)
     */
    public Result apply(String component, List<ObjectPatch> patches, List<HasMetadata> owned) {
        List<HasMetadata> objects = new ArrayList<>(owned);
        List<SpecProblem> problems = new ArrayList<>();
        for (ObjectPatch patch : patches) {
            Optional<Integer> target = target(component, patch, objects, problems);
            if (target.isEmpty()) {
                continue;
            }
            HasMetadata original = objects.get(target.get());
            try {
                objects.set(target.get(), apply(patch, original));
            } catch (Refused refused) {
                problems.add(refused.problem);
            }
        }
        return new Result(objects, problems);
    }

    /** The index of the patch's target among the objects, or empty with a problem added. */
    private static Optional<Integer> target(String component, ObjectPatch patch, List<HasMetadata> objects, List<SpecProblem> problems) {
        List<Integer> ofKind = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (objects.get(i).getKind().equals(patch.kind())) {
                ofKind.add(i);
            }
        }
        String wanted = patch.name() != null ? patch.name() : component;
        Optional<Integer> named = ofKind.stream().filter(i -> objects.get(i).getMetadata().getName().equals(wanted)).findFirst();
        if (named.isPresent()) {
            return named;
        }
        if (patch.name() == null && ofKind.size() == 1) {
            return Optional.of(ofKind.get(0));
        }
        if (patch.name() == null && ofKind.size() > 1) {
            problems.add(new SpecProblem(patch.target(), "The patch target " + patch.kind() + " is ambiguous: component `" + component
                    + "` has " + ofKind.size() + " " + patch.kind() + " objects (" + names(objects, ofKind) + ").",
                    "Name one with target.name."));
        } else {
            problems.add(new SpecProblem(patch.target(), "The patch target " + patch.targetText() + " is not an object of component `"
                    + component + "`: a component patches only the objects generated for it.",
                    "Target one of " + objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).collect(Collectors.joining(", "))
                            + ", or patch the other object in the component it belongs to."));
        }
        return Optional.empty();
    }

    private static String names(List<HasMetadata> objects, List<Integer> indexes) {
        return indexes.stream().map(i -> objects.get(i).getMetadata().getName()).collect(Collectors.joining(", "));
    }

    /** One patch on one object: the patched object, checked. */
    private HasMetadata apply(ObjectPatch patch, HasMetadata original) {
        String object = original.getKind() + "/" + original.getMetadata().getName();
        ObjectNode before = tree(original);
        ObjectNode after;
        if (patch.strategicMerge()) {
            try {
                after = new StrategicMerge(original.getKind()).apply(before, (ObjectNode) patch.merge());
            } catch (PatchFailure failure) {
                throw new Refused(patch.body(), "The patch on " + object + " cannot be applied: " + failure.getMessage() + ".", failure.fix());
            }
            GuardedFields.changed(before, after).ifPresent(field -> {
                throw guarded(patch.body(), object, field);
            });
        } else {
            after = before;
            for (ObjectPatch.Operation operation : patch.operations()) {
                after = operate(operation, after, object);
                GuardedFields.changed(before, after).ifPresent(field -> {
                    throw guarded(operation.location(), object, field);
                });
            }
        }
        return typed(after, original, patch.body(), object);
    }

    private static ObjectNode operate(ObjectPatch.Operation operation, ObjectNode object, String name) {
        JsonNode result;
        try {
            result = JsonPatch.apply(JsonNodeFactory.instance.arrayNode().add(operation.operation()), object, RFC_6902);
        } catch (JsonPatchException e) {
            throw new Refused(operation.location(), "The operation `" + operation.op() + " " + operation.path() + "` on " + name
                    + " cannot be applied: " + e.getMessage() + ".",
                    "Point the path at a field the generated " + name + " has (see the output), or use `add` to create a field.");
        }
        if (!result.isObject()) {
            throw new Refused(operation.location(), "The operation `" + operation.op() + " " + operation.path() + "` replaces the whole "
                    + name + ".", "Patch the object's fields, not the object.");
        }
        return (ObjectNode) result;
    }

    private static Refused guarded(Location at, String object, String field) {
        return new Refused(at, "The patch changes `" + field + "` of " + object + ", which shipshape relies on: names, namespaces, "
                + "kinds, selectors and the app.kubernetes.io labels tie the workload, its Service, PodDisruptionBudget, "
                + "autoscaler and NetworkPolicies together.",
                "Leave `" + field + "` as generated (change it through the spec, for example the component's name), or add a field or label of your own.");
    }

    /** The patched tree as an object of the original's class, refused when it is not a valid one. */
    private HasMetadata typed(ObjectNode tree, HasMetadata original, Location at, String object) {
        HasMetadata patched;
        try {
            patched = mapper.treeToValue(tree, original.getClass());
        } catch (JsonMappingException e) {
            String path = e.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new Refused(at, "The patched " + object + " is not a valid " + original.getKind() + ": the value of `" + path
                    + "` has the wrong type.", "Give `" + path + "` a value of the type Kubernetes documents for it (kubectl explain).");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new Refused(at, "The patched " + object + " is not a valid " + original.getKind() + ".",
                    "Give every patched field a value of the type Kubernetes documents for it (kubectl explain).");
        }
        if (!(patched instanceof GenericKubernetesResource)) {
            List<String> unknown = unknownFields.of(patched);
            if (!unknown.isEmpty()) {
                throw new Refused(at, "The patched " + object + " has " + (unknown.size() == 1 ? "a field" : "fields")
                        + " a " + original.getKind() + " does not have: " + String.join(", ", unknown) + ".",
                        "Correct the field's name or place (kubectl explain " + original.getKind().toLowerCase(java.util.Locale.ROOT)
                                + " lists the fields), or remove it.");
            }
        }
        return patched;
    }

    private ObjectNode tree(HasMetadata object) {
        try {
            return (ObjectNode) mapper.readTree(mapper.writeValueAsBytes(object));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize " + object.getKind() + " " + object.getMetadata().getName(), e);
        }
    }

    /** A patch refused, as the problem to report; unwinds one patch's application. */
    private static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final transient SpecProblem problem;

        Refused(Location at, String message, String fix) {
            super(message, null, false, false);
            this.problem = new SpecProblem(at, message, fix);
        }
    }
}
