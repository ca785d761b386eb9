package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map.Entry;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published spec schema is valid draft 2020-12, documents every property and is closed. */
class ApplicationSchemaTest {

    private static JsonNode schema() throws IOException {
        try (InputStream in = ApplicationSchemaTest.class.getClassLoader().getResourceAsStream(SpecSchema.PUBLISHED_RESOURCE)) {
            return new ObjectMapper().readTree(in);
        }
    }

    @Test
    void isValidAgainstTheDraft202012MetaSchema() throws IOException {
        JsonNode schema = schema();
        assertEquals(SchemaValidator.SCHEMA_ID, schema.path("$id").asText());
        Set<ValidationMessage> errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"))
                .validate(schema);
        assertEquals(Set.of(), errors);
    }

    @Test
    void everyPropertyHasADescriptionAndEveryObjectIsClosed() throws IOException {
        JsonNode schema = schema();
        List<String> undocumented = new ArrayList<>();
        List<String> open = new ArrayList<>();
        walk(schema, schema, "#", undocumented, open);
        assertEquals(List.of(), undocumented, "properties without a description");
        assertEquals(List.of("#/$defs/component"), open, "object schemas with properties but without additionalProperties: false");
    }

    private static void walk(JsonNode root, JsonNode node, String path, List<String> undocumented, List<String> open) {
        if (!node.isObject()) {
            return;
        }
        // a fragment without a type (an if, a then, a not) constrains an object whose own schema is closed
        if (node.has("properties") && node.has("type") && !node.path("additionalProperties").isBoolean()) {
            open.add(path);
        }
        for (Iterator<Entry<String, JsonNode>> it = node.path("properties").fields(); it.hasNext(); ) {
            Entry<String, JsonNode> property = it.next();
            JsonNode target = property.getValue();
            if (target.has("$ref") && !target.has("description")) {
                target = root.at(target.path("$ref").asText().substring(1));
            }
            if (!path.endsWith("/if") && !target.has("description")) {
                undocumented.add(path + "/properties/" + property.getKey());
            }
        }
        for (Iterator<Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Entry<String, JsonNode> child = it.next();
            if (child.getValue().isArray()) {
                for (int i = 0; i < child.getValue().size(); i++) {
                    walk(root, child.getValue().get(i), path + "/" + child.getKey() + "/" + i, undocumented, open);
                }
            } else {
                walk(root, child.getValue(), path + "/" + child.getKey(), undocumented, open);
            }
        }
    }

    @Test
    void theRepositoryExampleNamesTheBundledSchema() throws IOException {
        String acme = java.nio.file.Files.readString(RepositoryRoot.path().resolve("specs/acme.yaml"));
        assertTrue(acme.startsWith("# yaml-language-server: $schema=../generator-core/src/main/resources/" + SpecSchema.PUBLISHED_RESOURCE), acme.lines().findFirst().orElse(""));
    }
}
