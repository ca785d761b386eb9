package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;

/**
 * How a chart value is typed, written into a template and described in {@code values.schema.json}.
 * Scalars are written inline; anything else (maps, lists, a field whose JSON type differs between
 * environments) is written as a YAML block with {@code toYaml}.
 */
enum ValueKind {
    /** A string, written with {@code quote} so YAML never reads it as another type. */
    STRING("string"),
    /**
     * An integer, written through {@code int64}: Helm reads values files into float64, and Go
     * prints a float64 of a million or more as {@code 1e+06}.
     */
    INTEGER("integer"),
    /** A non-integer number, written as is. */
    NUMBER("number"),
    /** {@code true} or {@code false}, written as is. */
    BOOLEAN("boolean"),
    /**
     * A container image field held as its parts, {@code repository}, {@code tag} and {@code digest}
     * (the {@code helm create} and Bitnami convention), written back as one string by the chart's
     * {@code <chart>.image} named template; see {@link ImageParts}.
     */
    IMAGE("object"),
    /** A map, a list, or a field of mixed JSON types: a YAML block written with {@code toYaml}. */
    TREE(null);

    private final String schemaType;

    ValueKind(String schemaType) {
        this.schemaType = schemaType;
    }

    /**
     * The kind that fits every one of these values (missing nodes ignored).
     *
     * @param values the value in each view; at least one present
     */
    static ValueKind of(Collection<JsonNode> values) {
        boolean text = true;
        boolean integral = true;
        boolean number = true;
        boolean bool = true;
        for (JsonNode value : values) {
            if (value.isMissingNode()) {
                continue;
            }
            text &= value.isTextual();
            integral &= value.isIntegralNumber();
            number &= value.isNumber();
            bool &= value.isBoolean();
        }
        return text ? STRING : integral ? INTEGER : number ? NUMBER : bool ? BOOLEAN : TREE;
    }

    /** The JSON Schema {@code type} of a scalar kind; {@code null} for {@link #TREE}. */
    String schemaType() {
        return schemaType;
    }

    /**
     * The inline template action for a scalar of this kind, for example
     * {@code {{ .Values.api.replicas | int64 }}}.
     *
     * @param chart the chart name, which prefixes its named templates
     * @throws IllegalStateException for {@link #TREE}, which is written as a block
     */
    String inline(ValueKey key, String chart) {
        return switch (this) {
            case STRING -> "{{ " + key.expression() + " | quote }}";
            case IMAGE -> "{{ include " + TemplateWriter.goString(chart + ".image") + " " + key.expression() + " | quote }}";
            case INTEGER -> "{{ " + key.expression() + " | int64 }}";
            case NUMBER, BOOLEAN -> "{{ " + key.expression() + " }}";
            case TREE -> throw new IllegalStateException(key + " is a tree value, written as a block");
        };
    }
}
