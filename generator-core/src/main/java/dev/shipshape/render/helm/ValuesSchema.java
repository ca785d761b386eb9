package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The chart's {@code values.schema.json} (JSON Schema draft-07, which Helm validates the merged
 * values against before rendering: helm.sh/docs/topics/charts/#schema-files). Every map of the
 * values structure is closed ({@code additionalProperties: false}) and requires its keys except
 * the optional ones; scalars carry their type and, where a rule gives one, a minimum; a map or
 * list value is typed as seen in the views, open inside so an environment may add fields. So
 * {@code helm install --set api.replicas=abc} or a misspelt key fails before anything reaches a
 * cluster.
 */
final class ValuesSchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ValuesSchema() {
    }

    /** The schema of a chart's values. */
    static ObjectNode of(ChartPlan chart) {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "http://json-schema.org/draft-07/schema#");
        schema.put("title", "Values of the " + chart.name() + " chart");
        TreeMap<String, Object> tree = new TreeMap<>();
        for (ChartValue value : chart.values()) {
            TreeMap<String, Object> parent = tree;
            List<String> path = value.key().path();
            for (String segment : path.subList(0, path.size() - 1)) {
                @SuppressWarnings("unchecked")
                TreeMap<String, Object> child = (TreeMap<String, Object>) parent.computeIfAbsent(segment, s -> new TreeMap<String, Object>());
                parent = child;
            }
            parent.put(value.key().leaf(), value);
        }
        schema.setAll(map(tree));
        if (schema.toString().length() > SHARING_THRESHOLD) {
            share(schema);
        }
        return schema;
    }

    /**
     * Above this size (characters of the compact JSON; the file is written indented, about twice
     * as long), repeated subschemas are {@linkplain #share shared}. Helm's chart loader refuses a
     * file over 5 MiB ({@code chart file "values.schema.json" is larger than the maximum file size
     * 5242880}, Helm 3.17+), which a schema written out in full reaches at about 850 components.
     */
    static final int SHARING_THRESHOLD = 1 << 20;

    /** A repeated subschema shorter than this (compact JSON characters) stays where it is: a reference would save little. */
    private static final int SMALLEST_SHARED = 200;

    /**
     * Moves every subschema of a property that occurs more than once (equal JSON but for its own
     * {@code description}) into {@code definitions}, each occurrence replaced by
     * {@code {"$ref": "#/definitions/<name>", "description": <its own>}} (JSON Schema draft-07,
     * section 8.3: a validator resolves the local reference and ignores the description beside it,
     * which stays for the reader; the validators Helm uses resolve such references).
     * The largest repeated subschemas are shared first, so the components of one kind with the
     * same values share one definition for the whole component. A definition is named after the
     * property where it first occurs (schema order), with {@code -2}, {@code -3} ... when that name
     * is taken; definitions are sorted by name. Deterministic: the same schema gives the same result.
     *
     * @param schema a schema as {@link #of} builds it, changed in place
     */
    static void share(ObjectNode schema) {
        Map<String, Integer> occurrences = new HashMap<>();
        count(schema, occurrences);
        Map<String, String> names = new HashMap<>();
        TreeMap<String, ObjectNode> definitions = new TreeMap<>();
        replace(schema, occurrences, names, definitions);
        if (!definitions.isEmpty()) {
            ObjectNode written = schema.putObject("definitions");
            definitions.forEach(written::set);
        }
    }

    /** Counts, by JSON text, every subschema of a property below {@code schema}. */
    private static void count(ObjectNode schema, Map<String, Integer> occurrences) {
        if (schema.get("properties") instanceof ObjectNode properties) {
            properties.properties().forEach(property -> {
                if (property.getValue() instanceof ObjectNode child) {
                    occurrences.merge(shape(child), 1, Integer::sum);
                    count(child, occurrences);
                }
            });
        }
    }

    /** Replaces, top down, each repeated subschema of a property by a reference to its definition. */
    private static void replace(ObjectNode schema, Map<String, Integer> occurrences, Map<String, String> names,
                                TreeMap<String, ObjectNode> definitions) {
        if (!(schema.get("properties") instanceof ObjectNode properties)) {
            return;
        }
        List<String> keys = new ArrayList<>();
        properties.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!(properties.get(key) instanceof ObjectNode child)) {
                continue;
            }
            String text = shape(child);
            if (occurrences.getOrDefault(text, 0) < 2 || text.length() < SMALLEST_SHARED) {
                replace(child, occurrences, names, definitions);
                continue;
            }
            String name = names.get(text);
            if (name == null) {
                name = unusedName(key, definitions);
                names.put(text, name);
                ObjectNode definition = child.deepCopy();
                definition.remove("description");
                definitions.put(name, definition);
                replace(definition, occurrences, names, definitions);
            }
            ObjectNode reference = JSON.objectNode().put("$ref", "#/definitions/" + name);
            if (child.has("description")) {
                // an annotation beside $ref, which draft-07 validators ignore: the reader still learns what the value is for
                reference.set("description", child.get("description"));
            }
            properties.set(key, reference);
        }
    }

    /** A subschema's JSON without its own description (which names the value it describes): what two uses share. */
    private static String shape(ObjectNode schema) {
        if (!schema.has("description")) {
            return schema.toString();
        }
        ObjectNode shape = schema.deepCopy();
        shape.remove("description");
        return shape.toString();
    }

    private static String unusedName(String key, Map<String, ObjectNode> definitions) {
        String name = key;
        for (int suffix = 2; definitions.containsKey(name); suffix++) {
            name = key + "-" + suffix;
        }
        return name;
    }

    private static ObjectNode map(TreeMap<String, Object> entries) {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (Map.Entry<String, Object> entry : entries.entrySet()) {
            if (entry.getValue() instanceof ChartValue value) {
                properties.set(entry.getKey(), leaf(value));
                if (!value.optional()) {
                    required.add(entry.getKey());
                }
            } else {
                @SuppressWarnings("unchecked")
                TreeMap<String, Object> child = (TreeMap<String, Object>) entry.getValue();
                properties.set(entry.getKey(), map(child));
                required.add(entry.getKey());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The schema of one value: its type, bounds and description. */
    static ObjectNode leaf(ChartValue value) {
        ObjectNode schema;
        if (value.kind() == ValueKind.TREE || value.optional()) {
            List<JsonNode> seen = new ArrayList<>();
            seen.add(value.defaultValue());
            seen.addAll(value.environmentValues().values());
            schema = observed(seen);
        } else if (value.kind() == ValueKind.IMAGE) {
            schema = image();
        } else {
            schema = JSON.objectNode();
            schema.put("type", value.kind().schemaType());
        }
        value.bounds().keywords().forEach(schema::set);
        schema.put("description", value.description());
        return schema;
    }

    /**
     * An image's parts: a repository, a tag (Docker's tag grammar) and a digest
     * ({@code sha256:} and 64 hex digits), each {@code ""} when unset.
     */
    private static ObjectNode image() {
        ObjectNode schema = JSON.objectNode();
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.set("repository", JSON.objectNode().put("type", "string").put("minLength", 1)
                .put("description", "registry and path, for example ghcr.io/example/api"));
        properties.set("tag", JSON.objectNode().put("type", "string").put("pattern", "^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$")
                .put("description", "the tag, or empty"));
        properties.set("digest", JSON.objectNode().put("type", "string").put("pattern", "^(sha256:[a-f0-9]{64})?$")
                .put("description", "the manifest digest, or empty; pins the image whatever the tag says"));
        schema.set("required", JSON.arrayNode().add("repository").add("tag").add("digest"));
        schema.put("additionalProperties", false);
        return schema;
    }

    /** The types of the values seen; for maps, the types of their fields, recursively, with no field required. */
    private static ObjectNode observed(List<JsonNode> values) {
        SortedSet<String> types = new TreeSet<>();
        TreeMap<String, List<JsonNode>> fields = new TreeMap<>();
        for (JsonNode value : values) {
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            types.add(type(value));
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    fields.computeIfAbsent(field.getKey(), k -> new ArrayList<>()).add(field.getValue());
                }
            }
        }
        if (types.contains("number")) {
            types.remove("integer");
        }
        ObjectNode schema = JSON.objectNode();
        if (types.size() == 1) {
            schema.put("type", types.first());
        } else {
            ArrayNode list = schema.putArray("type");
            types.forEach(list::add);
        }
        if (!fields.isEmpty()) {
            ObjectNode properties = schema.putObject("properties");
            fields.forEach((name, seen) -> properties.set(name, observed(seen)));
        }
        return schema;
    }

    private static String type(JsonNode value) {
        if (value.isObject()) {
            return "object";
        }
        if (value.isArray()) {
            return "array";
        }
        if (value.isIntegralNumber()) {
            return "integer";
        }
        if (value.isNumber()) {
            return "number";
        }
        return value.isBoolean() ? "boolean" : "string";
    }
}
