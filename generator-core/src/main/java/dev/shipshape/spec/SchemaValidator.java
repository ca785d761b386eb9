package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

import java.util.List;
import java.util.Locale;

/**
 * Validates a spec tree against the published spec schema
 * ({@value #SCHEMA_ID}, JSON Schema draft 2020-12, assembled by {@link SpecSchema}) with networknt
 * json-schema-validator, and turns each validation message into a {@link SpecProblem} at the
 * source position of the offending value. Thread-safe; load it once.
 */
final class SchemaValidator {

    /** The schema's {@code $id}; the URL editors resolve it from. */
    static final String SCHEMA_ID = "https://shipshape.dev/schemas/v1alpha1/application.schema.json";

    private final JsonSchema schema;
    private final SchemaProblems problems;

    /**
     * Compiles a schema.
     *
     * @param schemaTree the whole spec schema ({@link SpecSchema#assemble})
     */
    SchemaValidator(JsonNode schemaTree) {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .locale(Locale.ENGLISH)
                .pathType(PathType.JSON_POINTER)
                .build();
        this.schema = factory.getSchema(SchemaLocation.of(SCHEMA_ID), schemaTree, config);
        this.problems = new SchemaProblems(schemaTree);
    }

    /**
     * One validation message: where it is, which keyword failed, and the problem for people.
     *
     * @param pointer  the instance location, a JSON pointer into the validated tree
     * @param keyword  the failed JSON Schema keyword ({@code additionalProperties}, {@code type}, ...)
     * @param property the property the keyword names ({@code additionalProperties}, {@code required}), or {@code null}
     * @param problem  the problem at the offending value's position
     */
    record Violation(String pointer, String keyword, String property, SpecProblem problem) {

        /** The pointer of the value the problem is about: an unknown field's own pointer, else the instance location. */
        String target() {
            return "additionalProperties".equals(keyword) && property != null ? JsonPointers.child(pointer, property) : pointer;
        }
    }

    /**
     * @param root      the spec tree
     * @param sourceMap positions of the tree's values
     * @return one violation per validation message, in validation order
     */
    List<Violation> violations(JsonNode root, SourceMap sourceMap) {
        return schema.validate(root).stream()
                .map(message -> {
                    String pointer = pointer(message.getInstanceLocation());
                    return new Violation(pointer, message.getType(), message.getProperty(),
                            problems.translate(message, pointer, root, sourceMap));
                })
                .toList();
    }

    private static String pointer(JsonNodePath path) {
        String pointer = JsonPointers.ROOT;
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            pointer = element instanceof Integer index ? JsonPointers.child(pointer, index) : JsonPointers.child(pointer, element.toString());
        }
        return pointer;
    }
}
