package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads optional members of a validated spec tree, falling back to a default when a member is
 * absent or {@code null}. Kubernetes quantities written as YAML numbers become their plain text.
 */
public final class TreeValues {

    private TreeValues() {
    }

    /** The member as text, or {@code fallback}. Numbers keep their plain form ({@code 0.5}, {@code 16}). */
    public static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText();
    }

    /** The member as an int, or {@code fallback}. */
    public static int integer(JsonNode node, String field, int fallback) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.intValue() : fallback;
    }

    /** The member as a boolean, or {@code fallback}. */
    public static boolean bool(JsonNode node, String field, boolean fallback) {
        JsonNode value = node.path(field);
        return value.isBoolean() ? value.booleanValue() : fallback;
    }

    /** The member as a list of strings (an absent member is empty); unmodifiable. */
    public static List<String> texts(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(element -> values.add(element.asText()));
        return List.copyOf(values);
    }

    /** True when the member is present and not {@code null}. */
    public static boolean present(JsonNode node, String field) {
        return node.hasNonNull(field);
    }

    /**
     * An object node as nested, sorted, unmodifiable Java values (maps, lists, strings, numbers,
     * booleans, {@code null}), as Helm values are written; an absent or non-object node is empty.
     */
    public static SortedMap<String, Object> sortedMap(JsonNode node) {
        SortedMap<String, Object> map = new TreeMap<>();
        if (node.isObject()) {
            node.properties().forEach(entry -> map.put(entry.getKey(), plain(entry.getValue())));
        }
        return Collections.unmodifiableSortedMap(map);
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            return sortedMap(node);
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(element -> list.add(plain(element)));
            return Collections.unmodifiableList(list);
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }
}
