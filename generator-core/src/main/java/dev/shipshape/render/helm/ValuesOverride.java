package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The content of a {@code values-<env>.yaml}: only what the environment changes, as a JSON Merge
 * Patch (RFC 7386) from the default values to the environment's. Helm merges a values file into
 * the chart's {@code values.yaml} the same way — maps deep-merged, lists and scalars replaced, a
 * {@code null} deleting the key (helm.sh/docs/chart_template_guide/values_files/#deleting-a-default-key)
 * — so the merged values are exactly the environment's.
 */
final class ValuesOverride {

    private ValuesOverride() {
    }

    /**
     * @param defaults    the values of {@code values.yaml}
     * @param environment the values of one environment
     * @return the merge patch; an empty map when nothing differs
     */
    static ObjectNode of(ObjectNode defaults, ObjectNode environment) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        for (Iterator<String> names = defaults.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!environment.has(name)) {
                patch.putNull(name);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = environment.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode before = defaults.get(field.getKey());
            JsonNode after = field.getValue();
            if (before == null || !before.isObject() || !after.isObject()) {
                if (!after.equals(before)) {
                    patch.set(field.getKey(), after.deepCopy());
                }
            } else {
                ObjectNode nested = of((ObjectNode) before, (ObjectNode) after);
                if (!nested.isEmpty()) {
                    patch.set(field.getKey(), nested);
                }
            }
        }
        return patch;
    }
}
