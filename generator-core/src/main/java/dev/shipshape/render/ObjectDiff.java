package dev.shipshape.render;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A structural diff of two JSON trees, as JSON Patch operations (RFC 6902) that turn the first
 * tree into the second. The Kustomize renderer writes them as overlay patches; the Helm renderer
 * reads their paths to find the fields that vary per environment.
 *
 * <p>Rules, chosen so that a patch reads like the change a person would make:
 * <ul>
 *   <li>objects are compared field by field: a field only in the target is {@code add}ed, a field
 *       only in the source is {@code remove}d, a field in both is compared recursively;</li>
 *   <li>lists are compared element by element only when they have the same length and the
 *       elements at each index are objects with the same {@code name} field (containers, ports,
 *       env vars, volumes: the Kubernetes merge keys); any other changed list is
 *       {@code replace}d whole, so a patch never depends on index arithmetic;</li>
 *   <li>any other difference (scalar value, type change) is a {@code replace}.</li>
 * </ul>
 * Operations come in a stable order: the order of fields in the source, then fields added by the
 * target in the target's order. Paths are RFC 6901 JSON Pointers ({@code ~0}, {@code ~1} escaped).
 * Because no operation adds or removes a list element, the operations are independent of each
 * other and can be applied in any order.
 */
public final class ObjectDiff {

    /** The operations of a JSON Patch this diff emits. */
    public enum Op {
        /** Adds a field missing from the source. */
        ADD,
        /** Replaces a value that differs. */
        REPLACE,
        /** Removes a field missing from the target. */
        REMOVE;

        /** The RFC 6902 spelling: {@code add}, {@code replace}, {@code remove}. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One JSON Patch operation.
     *
     * @param op    what to do
     * @param path  where (RFC 6901)
     * @param value the new value for {@code add} and {@code replace}; {@code null} for {@code remove}
     */
    public record Operation(Op op, JsonPointer path, JsonNode value) {

        public Operation {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(path, "path");
            if ((value == null) != (op == Op.REMOVE)) {
                throw new IllegalArgumentException(op.jsonName() + " " + path + ": a value is required except for remove");
            }
        }

        /** The RFC 6902 form: {@code {op, path[, value]}}. */
        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("op", op.jsonName());
            node.put("path", path.toString());
            if (value != null) {
                node.set("value", value.deepCopy());
            }
            return node;
        }
    }

    /**
     * The operations turning {@code source} into {@code target}; empty when they are equal.
     *
     * @param source the tree to patch, for example a Kustomize base object
     * @param target the tree wanted, for example the same object in one environment
     * @return the operations, in a stable order
     */
    public List<Operation> diff(JsonNode source, JsonNode target) {
        List<Operation> operations = new ArrayList<>();
        diff(JsonPointer.empty(), source, target, operations);
        return List.copyOf(operations);
    }

    /** The operations as a JSON Patch document (a JSON array), ready to write as YAML. */
    public static ArrayNode toJsonPatch(List<Operation> operations) {
        ArrayNode patch = JsonNodeFactory.instance.arrayNode();
        operations.forEach(operation -> patch.add(operation.toJson()));
        return patch;
    }

    private void diff(JsonPointer path, JsonNode source, JsonNode target, List<Operation> out) {
        if (source.equals(target)) {
            return;
        }
        if (source.isObject() && target.isObject()) {
            diffObjects(path, source, target, out);
        } else if (source.isArray() && target.isArray() && sameNamedElements(source, target)) {
            for (int i = 0; i < source.size(); i++) {
                diff(path.appendIndex(i), source.get(i), target.get(i), out);
            }
        } else {
            out.add(new Operation(Op.REPLACE, path, target));
        }
    }

    private void diffObjects(JsonPointer path, JsonNode source, JsonNode target, List<Operation> out) {
        for (Map.Entry<String, JsonNode> field : source.properties()) {
            JsonPointer fieldPath = path.appendProperty(field.getKey());
            JsonNode targetValue = target.get(field.getKey());
            if (targetValue == null) {
                out.add(new Operation(Op.REMOVE, fieldPath, null));
            } else {
                diff(fieldPath, field.getValue(), targetValue, out);
            }
        }
        for (Map.Entry<String, JsonNode> field : target.properties()) {
            if (!source.has(field.getKey())) {
                out.add(new Operation(Op.ADD, path.appendProperty(field.getKey()), field.getValue()));
            }
        }
    }

    /** Same length, and at every index two objects whose {@code name} fields are equal strings. */
    private static boolean sameNamedElements(JsonNode source, JsonNode target) {
        if (source.size() != target.size()) {
            return false;
        }
        for (int i = 0; i < source.size(); i++) {
            JsonNode sourceName = source.get(i).get("name");
            JsonNode targetName = target.get(i).get("name");
            if (sourceName == null || !sourceName.isTextual() || !sourceName.equals(targetName)) {
                return false;
            }
        }
        return true;
    }
}
