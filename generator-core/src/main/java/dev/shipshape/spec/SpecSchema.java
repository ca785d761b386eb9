package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentKinds;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The spec's JSON Schema (draft 2020-12), assembled from the base schema
 * ({@value #BASE_RESOURCE}: everything but the component kinds) and each kind's own branch
 * ({@link ComponentKind#schemaResource()}): its {@code $defs} join the base's, its {@code type}
 * joins the {@code type} enum with an {@code if type = <kind> then <kind>Component} clause, and its
 * {@code overrides} join the fields an environment may override. The schema of the standard kinds
 * is also published as {@value #PUBLISHED_RESOURCE} (for editors and the {@code schema} goal); a
 * test keeps the two equal.
 */
public final class SpecSchema {

    /** The class-path resource of the base schema. */
    public static final String BASE_RESOURCE = "dev/shipshape/spec/application.base.schema.json";
    /** The class-path resource of the published schema of the standard kinds. */
    public static final String PUBLISHED_RESOURCE = "dev/shipshape/spec/application.schema.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecSchema() {
    }

    /**
     * The whole schema for some kinds.
     *
     * @throws UncheckedIOException     if a schema resource is missing or not JSON (a packaging error)
     * @throws IllegalArgumentException if a kind's branch lacks its {@code <type>Component} definition,
     *                                  or defines a {@code $defs} name the base or another kind already uses
     */
    public static ObjectNode assemble(ComponentKinds kinds) {
        ObjectNode schema = (ObjectNode) read(SpecSchema.class, "/" + BASE_RESOURCE);
        ObjectNode defs = (ObjectNode) schema.get("$defs");
        ObjectNode type = (ObjectNode) defs.path("component").path("properties").path("type");
        ArrayNode types = (ArrayNode) type.get("enum");
        ArrayNode clauses = (ArrayNode) defs.path("component").get("allOf");
        ObjectNode overrides = (ObjectNode) defs.path("componentOverride").get("properties");
        List<String> descriptions = new ArrayList<>();
        for (ComponentKind<?> kind : kinds.all()) {
            JsonNode branch = read(kind.getClass(), kind.schemaResource());
            String definition = kind.type() + "Component";
            if (!branch.path("$defs").has(definition)) {
                throw new IllegalArgumentException(kind.getClass().getName() + ": " + kind.schemaResource() + " defines no $defs/" + definition);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = branch.path("$defs").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> def = it.next();
                if (defs.has(def.getKey())) {
                    throw new IllegalArgumentException(kind.getClass().getName() + ": $defs/" + def.getKey() + " is already defined");
                }
                defs.set(def.getKey(), def.getValue());
            }
            types.add(kind.type());
            descriptions.add(kind.type() + ": " + branch.path("description").asText());
            ObjectNode clause = clauses.addObject();
            clause.putObject("if").putArray("required").add("type");
            ((ObjectNode) clause.get("if")).putObject("properties").putObject("type").put("const", kind.type());
            clause.putObject("then").put("$ref", "#/$defs/" + definition);
            for (Iterator<Map.Entry<String, JsonNode>> it = branch.path("overrides").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!overrides.has(field.getKey())) {
                    overrides.putObject(field.getKey()).put("description", field.getValue().asText());
                }
            }
        }
        type.put("description", String.join("; ", descriptions) + ".");
        return schema;
    }

    /** A schema as the published file writes it: Jackson's default pretty printer, a final newline. */
    public static String text(JsonNode schema) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a schema tree always serializes", e);
        }
    }

    private static JsonNode read(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("class-path resource " + resource + " of " + owner.getName() + " not found");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
