package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * What a chart is made of: its identity, its objects and its values, decided once and then
 * written out by the chart's files.
 *
 * @param name         chart and application name; also the namespace of every object
 * @param version      chart version: the spec's version (SemVer 2)
 * @param description  one line
 * @param environments the view names (environments, and clusters with overrides), sorted; each gets a {@code values-<view>.yaml}
 * @param objects      the objects, sorted by key
 * @param values       every value, sorted by key; no key nests in another
 * @param layeredOn    for each cluster view, the environment whose values file Helm reads before its own
 */
record ChartPlan(String name, String version, String description, List<String> environments,
                 List<ChartObject> objects, List<ChartValue> values, Map<String, String> layeredOn) {

    ChartPlan {
        environments = List.copyOf(environments);
        layeredOn = Map.copyOf(layeredOn);
        objects = List.copyOf(objects);
        values = List.copyOf(values);
    }

    /**
     * The whole values tree of a view: every key with its value there; a key absent there is
     * left out, but its enclosing maps exist so templates can ask {@code hasKey}.
     *
     * @param environment an environment name, or {@code null} for the default view ({@code values.yaml})
     */
    ObjectNode valuesOf(String environment) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (ChartValue value : values) {
            ObjectNode parent = root;
            List<String> path = value.key().path();
            for (String segment : path.subList(0, path.size() - 1)) {
                parent = parent.has(segment) ? (ObjectNode) parent.get(segment) : parent.putObject(segment);
            }
            JsonNode node = value.value(environment);
            if (!node.isMissingNode()) {
                parent.set(value.key().leaf(), node.deepCopy());
            }
        }
        return root;
    }
}
