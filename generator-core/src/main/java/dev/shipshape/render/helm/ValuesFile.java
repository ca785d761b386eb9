package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.render.ObjectYaml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The text of a chart's {@code values.yaml}: the default values, each key preceded by its
 * description as a {@code # --} comment (the helm-docs convention, which {@code helm create}'s
 * values file follows in prose), so a Helm user reads what a value does where they change it.
 */
final class ValuesFile {

    private final ObjectYaml yaml;

    /** @param yaml the shared YAML writer */
    ValuesFile(ObjectYaml yaml) {
        this.yaml = yaml;
    }

    /**
     * @param chart the chart
     * @return {@code values.yaml}, ending with a newline
     */
    String write(ChartPlan chart) {
        Map<List<String>, ChartValue> byPath = new HashMap<>();
        chart.values().forEach(value -> byPath.put(value.key().path(), value));
        StringBuilder text = new StringBuilder();
        write(chart.valuesOf(null), List.of(), byPath, "", text);
        return text.toString();
    }

    private void write(ObjectNode map, List<String> path, Map<List<String>, ChartValue> values, String pad, StringBuilder text) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = map.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> fieldPath = append(path, field.getKey());
            ChartValue value = values.get(fieldPath);
            if (value == null && field.getValue() instanceof ObjectNode nested && !nested.isEmpty()) {
                text.append(pad).append(field.getKey()).append(":\n");
                write(nested, fieldPath, values, pad + "  ", text);
                continue;
            }
            if (value != null) {
                text.append(pad).append("# -- ").append(value.description()).append('\n');
            }
            ObjectNode single = JsonNodeFactory.instance.objectNode();
            single.set(field.getKey(), field.getValue());
            for (String line : yaml.write(single).split("\n")) {
                text.append(pad).append(line).append('\n');
            }
        }
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> longer = new ArrayList<>(path);
        longer.add(segment);
        return List.copyOf(longer);
    }
}
