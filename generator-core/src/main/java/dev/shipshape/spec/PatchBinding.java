package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds every component's {@code patches} (a schema-valid list, see {@code $defs/patch}) to
 * {@link ObjectPatch} records, the same way for every kind.
 */
final class PatchBinding {

    private PatchBinding() {
    }

    /**
     * @param components {@code spec.components} of a schema-valid (merged) tree
     * @param sourceMap  positions in that tree
     * @return the patches by component name, in list order; components without patches left out
     */
    static Map<String, List<ObjectPatch>> of(JsonNode components, SourceMap sourceMap) {
        Map<String, List<ObjectPatch>> bound = new TreeMap<>();
        components.properties().forEach(component -> {
            JsonNode list = component.getValue().path("patches");
            String at = JsonPointers.child(JsonPointers.child("/spec/components", component.getKey()), "patches");
            List<ObjectPatch> patches = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                patches.add(patch(list.get(i), JsonPointers.child(at, i), sourceMap));
            }
            if (!patches.isEmpty()) {
                bound.put(component.getKey(), List.copyOf(patches));
            }
        });
        return bound;
    }

    private static ObjectPatch patch(JsonNode entry, String pointer, SourceMap sourceMap) {
        JsonNode target = entry.path("target");
        List<ObjectPatch.Operation> operations = new ArrayList<>();
        JsonNode ops = entry.path("operations");
        for (int i = 0; i < ops.size(); i++) {
            operations.add(new ObjectPatch.Operation(ops.get(i).deepCopy(),
                    sourceMap.valueLocation(JsonPointers.child(JsonPointers.child(pointer, "operations"), i))));
        }
        boolean merge = entry.has("patch");
        return new ObjectPatch(target.path("kind").asText(), TreeValues.text(target, "name", null),
                merge ? entry.get("patch").deepCopy() : null, operations, sourceMap.valueLocation(pointer),
                sourceMap.keyLocation(JsonPointers.child(pointer, "target")),
                sourceMap.keyLocation(JsonPointers.child(pointer, merge ? "patch" : "operations")));
    }
}
