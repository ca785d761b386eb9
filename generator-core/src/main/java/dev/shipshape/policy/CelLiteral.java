package dev.shipshape.policy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a plain value (map, list, string, number, boolean) as a CEL literal, so rule parameters
 * can be inlined into an exported ValidatingAdmissionPolicy as a variable. Map keys are sorted,
 * so the output is deterministic.
 */
final class CelLiteral {

    private CelLiteral() {
    }

    /**
     * @param value a plain tree ({@link ObjectTrees})
     * @return the CEL source of the same value
     * @throws IllegalArgumentException for a value of another type
     */
    static String of(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            new TreeMap<>(map.entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)))
                    .forEach((k, v) -> text.append(text.length() > 1 ? ", " : "").append(of(k)).append(": ").append(of(v)));
            return text.append('}').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CelLiteral::of).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String string) {
            return "'" + string.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Double number) {
            return Double.toString(number);
        }
        throw new IllegalArgumentException("not a plain value: " + value);
    }
}
