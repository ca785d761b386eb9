package dev.shipshape.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Applies a Kubernetes strategic merge patch to an object's JSON tree, as {@code kubectl patch
 * --type strategic} and Kustomize's {@code patches} do for the built-in kinds:
 * <ul>
 *   <li>maps merge member by member; a {@code null} member removes the field;</li>
 *   <li>a list with a merge key ({@link MergeKeys}) merges element by element: a patch element
 *       merges into the original element with the same key value, or is appended; every other
 *       list is replaced; a list of scalars with the merge strategy ({@code finalizers}) gains the
 *       patch's values;</li>
 *   <li>{@code $patch: delete} in a list element removes the element with its key; in a map it
 *       removes the map; {@code $patch: replace} in a map replaces the map by the rest of the patch
 *       map, in a list element it replaces the whole list by the patch's other elements;</li>
 *   <li>{@code $patch: merge} is the default and changes nothing.</li>
 * </ul>
 * The other directives ({@code $retainKeys}, {@code $setElementOrder/<list>},
 * {@code $deleteFromPrimitiveList/<list>}) are refused (a JSON Patch says the same precisely).
 */
final class StrategicMerge {

    private static final String DIRECTIVE = "$patch";

    private final String kind;

    /** @param kind the patched object's kind (Service ports merge by {@code port}, a container's by {@code containerPort}) */
    StrategicMerge(String kind) {
        this.kind = kind;
    }

    /**
     * @param original the object's tree; not modified
     * @param patch    a strategic merge patch (a JSON object)
     * @return the patched tree (a new one)
     * @throws PatchFailure for a directive it does not know, a list element without its merge key,
     *                      or a {@code $patch: delete} of the whole object
     */
    ObjectNode apply(ObjectNode original, ObjectNode patch) {
        JsonNode merged = mergeMap(original.deepCopy(), patch, "");
        if (merged == null) {
            throw new PatchFailure("", "`$patch: delete` at the top would delete the whole object",
                    "Remove the object's fields one by one, or leave the object out of the spec.");
        }
        return (ObjectNode) merged;
    }

    /** Merges {@code patch} into {@code original} (modified); {@code null} when the patch deletes the map. */
    private ObjectNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
        JsonNode directive = patch.get(DIRECTIVE);
        if (directive != null) {
            switch (directive.asText()) {
                case "delete" -> {
                    return null;
                }
                case "replace" -> {
                    ObjectNode replaced = JsonNodeFactory.instance.objectNode();
                    return mergeMap(replaced, withoutDirective(patch), path);
                }
                case "merge" -> {
                    // the default strategy
                }
                default -> throw unknownDirective(path, DIRECTIVE + ": " + directive.asText());
            }
        }
        for (Map.Entry<String, JsonNode> member : patch.properties()) {
            String field = member.getKey();
            JsonNode value = member.getValue();
            String at = path + "/" + field;
            if (field.equals(DIRECTIVE)) {
                continue;
            }
            if (field.startsWith("$")) {
                throw unknownDirective(path, field);
            }
            JsonNode existing = original.get(field);
            if (value.isNull()) {
                original.remove(field);
            } else if (value.isObject()) {
                ObjectNode merged = mergeMap(existing != null && existing.isObject() ? (ObjectNode) existing
                        : JsonNodeFactory.instance.objectNode(), (ObjectNode) value, at);
                if (merged == null) {
                    original.remove(field);
                } else {
                    original.set(field, merged);
                }
            } else if (value.isArray()) {
                original.set(field, mergeList(existing != null && existing.isArray() ? (ArrayNode) existing
                        : JsonNodeFactory.instance.arrayNode(), (ArrayNode) value, at));
            } else {
                original.set(field, value.deepCopy());
            }
        }
        return original;
    }

    private ArrayNode mergeList(ArrayNode original, ArrayNode patch, String path) {
        String listPath = path.substring(1).replaceAll("/[0-9]+(?=/|$)", "/*");
        MergeKeys.Strategy strategy = MergeKeys.of(kind, listPath);
        boolean replaces = false;
        for (JsonNode element : patch) {
            replaces |= element.isObject() && "replace".equals(element.path(DIRECTIVE).asText());
        }
        if (replaces) {
            ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : patch) {
                if (!(element.isObject() && "replace".equals(element.path(DIRECTIVE).asText()))) {
                    replaced.add(plain(element, path));
                }
            }
            return replaced;
        }
        if (strategy instanceof MergeKeys.Set) {
            for (JsonNode element : patch) {
                if (!contains(original, element)) {
                    original.add(element.deepCopy());
                }
            }
            return original;
        }
        if (!(strategy instanceof MergeKeys.ByKey byKey)) {
            ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
            patch.forEach(element -> replaced.add(plain(element, path)));
            return replaced;
        }
        for (int i = 0; i < patch.size(); i++) {
            JsonNode element = patch.get(i);
            JsonNode key = element.path(byKey.key());
            if (!element.isObject() || key.isMissingNode() || key.isNull()) {
                throw new PatchFailure(path + "/" + i, "an element of " + path.substring(1) + " lacks its merge key `" + byKey.key()
                        + "`", "Give the element its `" + byKey.key() + "` (the list merges element by element by it).");
            }
            int index = indexOf(original, byKey.key(), key);
            if ("delete".equals(element.path(DIRECTIVE).asText())) {
                if (index >= 0) {
                    original.remove(index);
                }
            } else if (index >= 0) {
                ObjectNode merged = mergeMap((ObjectNode) original.get(index), (ObjectNode) element, path + "/" + index);
                if (merged == null) {
                    original.remove(index);
                } else {
                    original.set(index, merged);
                }
            } else {
                original.add(mergeMap(JsonNodeFactory.instance.objectNode(), (ObjectNode) element, path + "/" + original.size()));
            }
        }
        return original;
    }

    /** A value that replaces: its maps merged into nothing, so nulls and directives are resolved. */
    private JsonNode plain(JsonNode value, String path) {
        return value.isObject() ? mergeMap(JsonNodeFactory.instance.objectNode(), (ObjectNode) value, path) : value.deepCopy();
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (same(list.get(i).path(key), value)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(ArrayNode list, JsonNode value) {
        for (JsonNode element : list) {
            if (same(element, value)) {
                return true;
            }
        }
        return false;
    }

    /** Equal values, numbers compared by value (a YAML 8080 and a serialized 8080 may differ in node type). */
    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static ObjectNode withoutDirective(ObjectNode patch) {
        ObjectNode copy = patch.deepCopy();
        copy.remove(DIRECTIVE);
        return copy;
    }

    private static PatchFailure unknownDirective(String path, String directive) {
        return new PatchFailure(path, "the strategic merge directive `" + directive + "` is not supported",
                "Use `$patch: delete`, `$patch: replace` or null, or write the change as JSON Patch `operations`.");
    }
}
