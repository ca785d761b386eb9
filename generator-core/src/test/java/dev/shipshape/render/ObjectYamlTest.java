package dev.shipshape.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectYamlTest {

    private final ObjectYaml yaml = new ObjectYaml();

    /** Strings a YAML 1.1 (go-yaml, SnakeYAML) or 1.2 reader would turn into booleans, numbers, null, timestamps. */
    private static final List<String> AMBIGUOUS = List.of("yes", "no", "on", "off", "y", "n", "Yes", "ON", "true", "False",
            "null", "~", "", "1.10", "0755", "12", "-5", "+1", "1e3", "1_000", "0x1F", "0o17", "12:30", "2001-12-14",
            ".inf", "-.Inf", ".NaN", "=", "<<", "3.", " lead", "trail ", "#hash", "a: b", "- dash", "*ref", "&anchor", "!tag",
            "%x", "@x", "`x", "{x}", "[x]", "'q'", "\"dq\"", "multi\nline\n", "tab\tx", "15 2 * * *", "s3://bucket/path");

    @Test
    void ambiguousStringsStayStringsForAYaml11Reader() {
        ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withName("tricky").endMetadata();
        for (int i = 0; i < AMBIGUOUS.size(); i++) {
            builder.addToData("k" + i, AMBIGUOUS.get(i));
        }
        builder.editMetadata().addToLabels("on", "yes").addToAnnotations("1.10", "12:30").endMetadata();
        String text = yaml.write(builder.build());

        Map<String, Object> parsed = new Yaml().load(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) parsed.get("data");
        for (int i = 0; i < AMBIGUOUS.size(); i++) {
            assertEquals(AMBIGUOUS.get(i), data.get("k" + i), "value " + i + " in\n" + text);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) parsed.get("metadata");
        assertEquals(Map.of("on", "yes"), metadata.get("labels"), text);
        assertEquals(Map.of("1.10", "12:30"), metadata.get("annotations"), text);
        // and back through Jackson, the reader the tests and renderers use
        assertEquals(yaml.tree(builder.build()), yaml.readAll(text).get(0));
    }

    @Test
    void plainStringsAreNotQuoted() {
        String text = yaml.write(new ConfigMapBuilder().withNewMetadata().withName("plain").endMetadata()
                .addToData("image", "registry.example.com/shop/api:1.0.0").addToData("schedule", "15 2 * * *").build());
        assertTrue(text.contains("image: registry.example.com/shop/api:1.0.0\n"), text);
        assertTrue(text.contains("schedule: 15 2 * * *\n"), text);
    }

    @Test
    void formatIsBlockStyleIndentedWithUnixLineEndsAndNoDocumentMarker() {
        String text = yaml.write(TestModels.defaults().stream().filter(o -> o.getKind().equals("Deployment")).findFirst().orElseThrow());
        assertFalse(text.startsWith("---"), text);
        assertFalse(text.contains("\r"), text);
        assertFalse(text.contains("null"), text);
        assertTrue(text.startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n"), text);
        assertTrue(text.contains("\n      containers:\n        - env:\n            - name: PORT\n"), text);
        // an explicitly empty object is meaningful (emptyDir) and kept
        assertTrue(text.contains("emptyDir: {}\n"), text);
        assertTrue(text.endsWith("\n"), text);
    }

    @Test
    void multiLineStringsAreLiteralBlocks() {
        ConfigMap map = new ConfigMapBuilder().withNewMetadata().withName("script").endMetadata()
                .addToData("run.sh", "#!/bin/sh\nset -eu\npg_dump \"$DATABASE\"\n").build();
        String text = yaml.write(map);
        assertTrue(text.contains("  run.sh: |\n    #!/bin/sh\n    set -eu\n"), text);
        assertEquals(yaml.tree(map), yaml.readAll(text).get(0));
    }

    @Test
    void mapKeysAreSortedWhateverTheInsertionOrder() {
        HasMetadata first = new ConfigMapBuilder().withNewMetadata().withName("m").addToLabels("b", "2").addToLabels("a", "1")
                .endMetadata().addToData("z", "1").addToData("a", "2").build();
        HasMetadata second = new ConfigMapBuilder().withNewMetadata().withName("m").addToLabels("a", "1").addToLabels("b", "2")
                .endMetadata().addToData("a", "2").addToData("z", "1").build();
        assertEquals(yaml.write(first), yaml.write(second));
        assertTrue(yaml.write(first).contains("  a: \"2\"\n  z: \"1\"\n"), yaml.write(first));
    }

    @Test
    void emptyMapsAndListsOfFabric8FieldsAreOmitted() {
        String text = yaml.write(new ConfigMapBuilder().withNewMetadata().withName("bare").withLabels(Map.of()).endMetadata().build());
        assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bare\n", text);
    }

    @Test
    void severalObjectsAreSeparatedDocuments() {
        List<HasMetadata> objects = TestModels.defaults();
        String text = yaml.writeAll(objects);
        assertFalse(text.startsWith("---"));
        assertEquals(objects.size() - 1, text.split("\n---\n", -1).length - 1);
        List<JsonNode> parsed = yaml.readAll(text);
        assertEquals(objects.stream().map(yaml::tree).toList(), parsed);
    }

    @Test
    void aTopLevelListStartsAtColumnOneAndKeepsBlockScalarsIntact() {
        var list = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        list.addObject().put("op", "add").put("value", "line one\n  indented\n\nlast\n");
        list.addObject().put("op", "remove");
        String text = yaml.write(list);
        assertTrue(text.startsWith("- op: add\n  value: |\n    line one\n      indented\n"), text);
        assertTrue(text.endsWith("\n- op: remove\n"), text);
        assertEquals(list, yaml.readAll(text).get(0));
    }
}
