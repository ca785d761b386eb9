package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

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
}
