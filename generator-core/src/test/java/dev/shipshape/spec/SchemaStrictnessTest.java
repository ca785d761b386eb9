package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The spec schema passes Ajv's strict mode ({@code ajv compile --spec=draft2020 --strict=true -c ajv-formats}),
 * which editors and CI tools built on Ajv apply, checked here without Node: the rules of Ajv's
 * strict mode (https://ajv.js.org/strict-mode.html) that a hand-written schema can break.
 * <ul>
 *   <li>strictSchema: only draft 2020-12 keywords (and annotations);</li>
 *   <li>strictTypes: a keyword that applies to one JSON type (pattern, minimum, properties, items ...)
 *       has that type in its schema object or in an enclosing one for the same instance (allOf, anyOf,
 *       oneOf, not, if, then, else); no union type but a nullable one ({@code ["object", "null"]});</li>
 *   <li>strictRequired: every required property is defined in properties of the same schema object.</li>
 * </ul>
 * Last run of Ajv itself (ajv-cli 5, ajv-formats 3) on this schema: valid.
 */
class SchemaStrictnessTest {

    private static final Set<String> KEYWORDS = Set.of("$schema", "$id", "$defs", "$ref", "$comment", "$anchor",
            "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly",
            "type", "enum", "const", "format",
            "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
            "properties", "patternProperties", "additionalProperties", "propertyNames", "required",
            "minProperties", "maxProperties", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
            "items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems", "minContains", "maxContains",
            "unevaluatedItems", "pattern", "minLength", "maxLength",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf");

    private static final Map<String, String> APPLIES_TO = Map.ofEntries(
            Map.entry("pattern", "string"), Map.entry("minLength", "string"), Map.entry("maxLength", "string"),
            Map.entry("minimum", "number"), Map.entry("maximum", "number"), Map.entry("exclusiveMinimum", "number"),
            Map.entry("exclusiveMaximum", "number"), Map.entry("multipleOf", "number"),
            Map.entry("properties", "object"), Map.entry("patternProperties", "object"), Map.entry("additionalProperties", "object"),
            Map.entry("propertyNames", "object"), Map.entry("required", "object"), Map.entry("minProperties", "object"),
            Map.entry("maxProperties", "object"), Map.entry("dependentRequired", "object"),
            Map.entry("items", "array"), Map.entry("prefixItems", "array"), Map.entry("contains", "array"),
            Map.entry("minItems", "array"), Map.entry("maxItems", "array"), Map.entry("uniqueItems", "array"));

    /** Subschemas that apply to the same instance, so they see the enclosing schema's type. */
    private static final Set<String> IN_PLACE = Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else");

    /** Subschemas that apply to another instance (a property, an item) or are definitions. */
    private static final Set<String> NESTED = Set.of("additionalProperties", "propertyNames", "items", "contains",
            "unevaluatedProperties", "unevaluatedItems");
    private static final Set<String> NESTED_MAPS = Set.of("properties", "patternProperties", "$defs", "dependentSchemas");

    @Test
    void theSpecSchemaIsCleanUnderAjvStrictMode() throws IOException {
        JsonNode schema = SpecSchema.assemble(dev.shipshape.kind.ComponentKinds.standard());
        List<String> problems = new ArrayList<>();
        walk(schema, "#", Set.of(), problems);
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckFindsWhatAjvRejects() throws IOException {
        JsonNode broken = new ObjectMapper().readTree("""
                {"properties": {"issuer": {"pattern": "^x"}, "size": {"type": ["string", "number"]},
                                "name": {"type": ["string", "null"]}},
                 "then": {"required": ["email"]}, "nullable": true}""");
        List<String> problems = new ArrayList<>();
        walk(broken, "#", Set.of(), problems);
        assertEquals(List.of("#: properties without type object", "#: unknown keyword nullable",
                "#/properties/issuer: pattern without type string", "#/properties/size: union type [\"string\",\"number\"]",
                "#/then: required without type object", "#/then: required property email is not defined in properties"), problems);
    }

    private static void walk(JsonNode node, String path, Set<String> enclosingTypes, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        Set<String> types = new HashSet<>(enclosingTypes);
        JsonNode type = node.path("type");
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(t.asText()));
            if (names.size() > 1 && !(names.size() == 2 && names.contains("null"))) {
                problems.add(path + ": union type " + type);
            }
            types = new HashSet<>(names);
        } else if (type.isTextual()) {
            types = Set.of(type.asText());
        }
        Set<String> properties = new HashSet<>();
        node.path("properties").fieldNames().forEachRemaining(properties::add);
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String keyword = keys.next();
            if (!KEYWORDS.contains(keyword)) {
                problems.add(path + ": unknown keyword " + keyword);
            }
            String applies = APPLIES_TO.get(keyword);
            if (applies != null && !types.contains(applies) && !(applies.equals("number") && types.contains("integer"))) {
                problems.add(path + ": " + keyword + " without type " + applies);
            }
        }
        for (JsonNode required : node.path("required")) {
            if (!properties.contains(required.asText())) {
                problems.add(path + ": required property " + required.asText() + " is not defined in properties");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            String at = path + "/" + keyword;
            if (IN_PLACE.contains(keyword)) {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        walk(value.get(i), at + "/" + i, types, problems);
                    }
                } else {
                    walk(value, at, types, problems);
                }
            } else if (NESTED.contains(keyword)) {
                walk(value, at, Set.of(), problems);
            } else if (keyword.equals("prefixItems")) {
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), at + "/" + i, Set.of(), problems);
                }
            } else if (NESTED_MAPS.contains(keyword)) {
                value.fields().forEachRemaining(entry -> walk(entry.getValue(), at + "/" + entry.getKey(), Set.of(), problems));
            }
        }
    }
}
