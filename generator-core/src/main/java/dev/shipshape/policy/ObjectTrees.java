package dev.shipshape.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.shipshape.model.ObjectKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts Kubernetes objects (fabric8 models, parsed YAML) and spec records into the plain
 * trees CEL evaluates: {@code Map<String,Object>}, {@code List<Object>}, {@code String},
 * {@code Long}, {@code Double}, {@code Boolean}. Absent and {@code null} fields are left out, so
 * CEL's {@code has()} means "set", as it does in the Kubernetes API server.
 */
public final class ObjectTrees {

    private final ObjectMapper mapper = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * The plain tree of any Jackson-serializable value (a fabric8 object, a spec record).
     *
     * @throws IllegalArgumentException if Jackson cannot serialize the value
     */
    public Object tree(Object value) {
        JsonNode node = value instanceof JsonNode json ? json : mapper.valueToTree(value);
        return plain(node);
    }

    /** The plain tree of a JSON object, as a map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(Object value) {
        Object tree = tree(value);
        if (!(tree instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + (tree == null ? "null" : tree.getClass().getSimpleName()));
        }
        return (Map<String, Object>) tree;
    }

    /** The identity of a Kubernetes object tree: apiVersion, kind, namespace ({@code ""} if none), name. */
    public static ObjectKey key(Map<String, Object> object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        return new ObjectKey(string(object.get("apiVersion")), string(object.get("kind")),
                string(metadata.get("namespace")), string(metadata.get("name")));
    }

    /** The labels of an object tree ({@code metadata.labels}), empty when it has none. */
    public static Map<?, ?> labels(Map<String, Object> object) {
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        return metadata.get("labels") instanceof Map<?, ?> labels ? labels : Map.of();
    }

    private static String string(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Object plain(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!field.getValue().isNull() && !field.getValue().isMissingNode()) {
                        map.put(field.getKey(), plain(field.getValue()));
                    }
                }
                return Collections.unmodifiableMap(map);
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    if (!element.isNull()) {
                        list.add(plain(element));
                    }
                }
                return Collections.unmodifiableList(list);
            }
            case NUMBER -> {
                return node.isIntegralNumber() ? (Object) node.asLong() : (Object) node.asDouble();
            }
            case BOOLEAN -> {
                return node.asBoolean();
            }
            case STRING, BINARY -> {
                return node.asText();
            }
            default -> {
                return null;
            }
        }
    }
}
