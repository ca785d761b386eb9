package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.ValidationMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns networknt validation messages into sentences for people. Wording comes from the schema
 * itself: a failing value's {@code title} says what is expected, its {@code examples} give the fix,
 * a property's {@code description} explains a missing field, and for {@code not} the subschema's
 * {@code description} and {@code $comment} are the message and the fix.
 */
final class SchemaProblems {

    private static final int PREVIEW = 60;

    private final JsonNode schemaTree;

    /** @param schemaTree the schema document, to look up titles, descriptions and examples */
    SchemaProblems(JsonNode schemaTree) {
        this.schemaTree = schemaTree;
    }

    /**
     * @param message   the validator's message
     * @param pointer   the instance location as a JSON Pointer
     * @param root      the validated tree
     * @param sourceMap positions of the tree's values
     * @return the problem at the offending value's (or key's) position
     */
    SpecProblem translate(ValidationMessage message, String pointer, JsonNode root, SourceMap sourceMap) {
        JsonNode schema = schemaNode(message.getSchemaLocation().toString(), true);
        JsonNode value = root.at(pointer);
        String what = "`" + JsonPointers.display(pointer) + "`";
        Object[] args = message.getArguments();
        Location at = sourceMap.valueLocation(pointer);
        return switch (message.getType()) {
            case "type" -> typeProblem(at, what, value, String.valueOf(args[1]), schema);
            case "required" -> {
                String field = message.getProperty();
                String description = schema.path("properties").path(field).path("description").asText("");
                yield new SpecProblem(sourceMap.keyLocation(pointer),
                        capitalize(pointer.isEmpty() ? "the spec" : what) + " is missing the required field `" + field + "`.",
                        "Add `" + field + ":`" + (description.isEmpty() ? "." : " (" + uncapitalize(description) + ")"));
            }
            case "additionalProperties" -> unknownField(message.getProperty(), pointer, schema, sourceMap);
            case "propertyNames" -> invalidName(message.getProperty(), pointer, message.getSchemaLocation().toString(), sourceMap);
            case "enum" -> {
                List<String> allowed = texts(schema.path("enum"));
                yield new SpecProblem(at, what + " is " + preview(value) + ", which is not one of " + quoted(allowed) + ".",
                        "Use one of " + quoted(allowed) + "." + DidYouMean.sentence(value.asText(), allowed));
            }
            case "const" -> new SpecProblem(at,
                    what + " is " + preview(value) + " but must be `" + schema.path("const").asText() + "`"
                            + (pointer.equals("/apiVersion") ? ", the only spec version this shipshape reads." : "."),
                    "Write `" + schema.path("const").asText() + "`.");
            case "pattern" -> new SpecProblem(at, what + " is " + preview(value) + ", which is not " + expected(schema) + ".",
                    "Write " + expected(schema) + example(schema, ", for example ") + ".");
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> new SpecProblem(at,
                    what + " is " + value.asText() + ", " + (message.getType().contains("inimum") ? "below the minimum " : "above the maximum ")
                            + args[0] + ".",
                    "Use a number" + range(schema) + ".");
            case "minLength", "maxLength" -> new SpecProblem(at,
                    what + " is " + value.asText().codePointCount(0, value.asText().length()) + " characters long; it must be "
                            + (message.getType().equals("minLength") ? "at least " : "at most ") + args[0] + ".",
                    "Write " + expected(schema) + ".");
            case "minProperties", "maxProperties" -> countProblem(at, what, message.getType(), args[0], schema);
            case "minItems", "maxItems" -> new SpecProblem(at, what + " must have " + (message.getType().equals("minItems") ? "at least " : "at most ")
                    + args[0] + " entries.", "Add or remove entries.");
            case "uniqueItems" -> new SpecProblem(at, what + " lists the same value more than once.", "Remove the duplicate entries.");
            case "not" -> new SpecProblem(sourceMap.keyLocation(pointer),
                    capitalize(what) + " " + schema.path("not").path("description").asText("is not allowed here."),
                    schema.path("not").path("$comment").asText("See the spec reference for this field."));
            default -> new SpecProblem(at, capitalize(what) + " is invalid: " + stripPath(message.getMessage()) + ".",
                    "See the description of " + what + " in the spec schema (" + SchemaValidator.SCHEMA_ID + ").");
        };
    }

    private SpecProblem typeProblem(Location at, String what, JsonNode value, String expectedTypes, JsonNode schema) {
        List<String> expected = new ArrayList<>();
        for (String type : expectedTypes.replaceAll("[\\[\\]\\s]", "").split(",")) {
            expected.add(typeName(type));
        }
        String found = typeName(value);
        String fix;
        if (value.isTextual() && expected.contains("an integer") && value.asText().matches("[0-9]+")) {
            fix = "Remove the quotes: write " + value.asText() + ".";
        } else if ((value.isNumber() || value.isBoolean()) && expected.contains("a string")) {
            fix = "Quote the value: write \"" + value.asText() + "\".";
        } else {
            fix = "Write " + String.join(" or ", expected) + example(schema, ", for example ") + ".";
        }
        return new SpecProblem(at, capitalize(what) + " must be " + String.join(" or ", expected) + ", but it is " + found + ".", fix);
    }

    /** A component's override in an environment or a cluster ({@code componentOverride}). */
    private static final Pattern COMPONENT_OVERRIDE =
            Pattern.compile("/spec/(environments/[^/]+|clusters/[0-9]+/overrides)/components/([^/]+)");

    private SpecProblem unknownField(String field, String pointer, JsonNode schema, SourceMap sourceMap) {
        Matcher override = COMPONENT_OVERRIDE.matcher(pointer);
        if (field.equals("group") && override.matches()) {
            String component = override.group(2);
            return new SpecProblem(sourceMap.keyLocation(JsonPointers.child(pointer, field)),
                    "`group` cannot be overridden in `" + JsonPointers.display(pointer) + "`: a component is delivered by the same "
                            + "Kustomize build and Flux Kustomization in every environment and cluster.",
                    "Remove it here and set the group once, under `spec.components." + component + "`.");
        }
        List<String> allowed = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(allowed::add);
        String suggestion = DidYouMean.sentence(field, allowed);
        return new SpecProblem(sourceMap.keyLocation(JsonPointers.child(pointer, field)),
                "Unknown field `" + field + "` in `" + JsonPointers.display(pointer) + "`." + suggestion,
                (suggestion.isEmpty() ? "Remove it; the fields allowed here are " : "Rename or remove it; the fields allowed here are ")
                        + quoted(allowed.stream().sorted().toList()) + ".");
    }

    private SpecProblem invalidName(String name, String pointer, String schemaLocation, SourceMap sourceMap) {
        JsonNode nameSchema = resolve(schemaNode(schemaLocation, false));
        int maxLength = nameSchema.path("maxLength").asInt(Integer.MAX_VALUE);
        String reason = name.length() > maxLength
                ? "it is " + name.length() + " characters long, more than " + maxLength
                : "it is not " + expected(nameSchema);
        return new SpecProblem(sourceMap.keyLocation(JsonPointers.child(pointer, name)),
                "The name `" + name + "` in `" + JsonPointers.display(pointer) + "` is invalid: " + reason + ".",
                "Rename it to " + expected(nameSchema) + example(nameSchema, ", for example ") + ".");
    }

    private SpecProblem countProblem(Location at, String what, String keyword, Object limit, JsonNode schema) {
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        if (schema.path("minProperties").asInt() == 1 && schema.path("maxProperties").asInt() == 1 && !fields.isEmpty()) {
            return new SpecProblem(at, capitalize(what) + " must set exactly one of " + quoted(fields) + ".",
                    "Keep exactly one of " + quoted(fields) + ".");
        }
        return keyword.equals("minProperties")
                ? new SpecProblem(at, capitalize(what) + " needs at least " + limit + " entr" + ("1".equals(String.valueOf(limit)) ? "y" : "ies") + ".",
                        "Add " + (fields.isEmpty() ? "an entry" : "one of " + quoted(fields)) + ".")
                : new SpecProblem(at, capitalize(what) + " has more than " + limit + " entries.", "Remove entries.");
    }

    /** The schema node at a schema location; {@code parent} selects the schema that holds the failing keyword. */
    private JsonNode schemaNode(String schemaLocation, boolean parent) {
        int hash = schemaLocation.indexOf('#');
        String fragment = hash < 0 ? "" : schemaLocation.substring(hash + 1);
        String pointer = parent ? JsonPointers.parent(fragment) : fragment;
        return resolve(schemaTree.at(pointer));
    }

    /** Follows a local {@code $ref} when the node has no title of its own. */
    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref") && !node.has("title") && node.path("$ref").asText().startsWith("#")) {
            return resolve(schemaTree.at(node.path("$ref").asText().substring(1)));
        }
        return node;
    }

    private static String expected(JsonNode schema) {
        String title = schema.path("title").asText("");
        if (!title.isEmpty()) {
            return title;
        }
        String description = schema.path("description").asText("");
        return description.isEmpty() ? "a valid value" : "a valid value: " + uncapitalize(description).replaceAll("\\.$", "");
    }

    private static String example(JsonNode schema, String prefix) {
        JsonNode examples = schema.path("examples");
        JsonNode example = examples.isArray() && !examples.isEmpty() ? examples.get(0) : schema.path("default");
        return example.isMissingNode() ? "" : prefix + "`" + example.asText() + "`";
    }

    private static String range(JsonNode schema) {
        boolean hasMin = schema.has("minimum");
        boolean hasMax = schema.has("maximum");
        if (hasMin && hasMax) {
            return " from " + schema.path("minimum").asText() + " to " + schema.path("maximum").asText();
        }
        return hasMin ? " of at least " + schema.path("minimum").asText() : hasMax ? " of at most " + schema.path("maximum").asText() : "";
    }

    private static String preview(JsonNode value) {
        if (value.isContainerNode() || value.isMissingNode()) {
            return typeName(value);
        }
        String text = value.asText();
        return "`" + (text.length() > PREVIEW ? text.substring(0, PREVIEW) + "..." : text) + "`";
    }

    private static String typeName(JsonNode value) {
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a sequence";
        }
        if (value.isNull() || value.isMissingNode()) {
            return "empty (null)";
        }
        return typeName(value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "string")
                + " (" + preview(value) + ")";
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "object" -> "a mapping";
            case "array" -> "a sequence";
            case "integer" -> "an integer";
            case "null" -> "empty (null)";
            default -> "a " + jsonType;
        };
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
    }

    private static String stripPath(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 ? message : message.substring(colon + 2);
    }

    private static String capitalize(String text) {
        return text.isEmpty() || text.startsWith("`") ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String uncapitalize(String text) {
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
    }
}
