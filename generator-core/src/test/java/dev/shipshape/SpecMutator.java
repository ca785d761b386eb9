package dev.shipshape;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.spec.RepositoryRoot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Structure-aware mutations of the example specs for {@link SpecFuzzTest}: parses every
 * {@code specs/*.yaml} once, then, driven by the fuzzer's bytes, applies a few edits to a copy of
 * one of them — replace a value by another type or a tricky string, remove, rename or add a key,
 * copy a subtree elsewhere — and writes it back as YAML. Keys are drawn from the spec schema's
 * property names so that edits mostly produce specs that pass the schema and reach the later stages.
 */
final class SpecMutator {

    /** Strings that sit on the edges of the loader's checks. */
    private static final List<String> TRICKY = List.of(
            "", " ", "a", "-", "a-", "A", "0", "-1", "65536", "1.5.3", "100m", "1Gi", "1e3", "0x10", ".inf", "~",
            "a".repeat(63), "a".repeat(64), "b".repeat(254), "api", "db", "web", "metrics", "ui",
            "*.example.com", "example.com", "www.acme.com", "api.acme.com", "xn--", "-a.com", "a..b", "localhost", "1.2.3.4",
            "/", "/api", "//", "/../..", "../../etc/passwd", "/tmp", "C:\\Windows", "a/b", "%2e%2e",
            "acme/api:1.4.2", "image@sha256:" + "a".repeat(64), "UPPER/case", "registry:5000/x:y",
            "0 3 * * *", "*/5 * * * *", "61 * * * *", "@daily", "* * * * * *",
            "${db.url}", "${metrics.url}", "${missing.url}", "${db.password}", "${", "$${db.url}",
            "postgres://user:hunter2@db:5432/acme", "-----BEGIN PRIVATE KEY-----", "AKIAIOSFODNN7EXAMPLE",
            "password", "secret", "token", "16.4", "99", "letsencrypt-staging", "letsencrypt-production",
            "10.0.0.0/8", "300.0.0.0/8", "::/0", "production", "staging", "é", "\u0000", "\t", "\n", "a\nb");

    private final List<JsonNode> seeds;
    private final List<String> keys;
    private final YAMLMapper yaml = new YAMLMapper();

    private SpecMutator(List<JsonNode> seeds, List<String> keys) {
        this.seeds = seeds;
        this.keys = keys;
    }

    /** Mutator over {@code specs/*.yaml} with the property names of {@code application.schema.json}. */
    static SpecMutator fromSeeds() {
        YAMLMapper mapper = new YAMLMapper();
        try (Stream<Path> files = Files.list(RepositoryRoot.path().resolve("specs"));
             InputStream schema = SpecMutator.class.getResourceAsStream("/dev/shipshape/spec/application.schema.json")) {
            List<JsonNode> seeds = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(mapper.readTree(file.toFile()));
            }
            TreeSet<String> keys = new TreeSet<>();
            seeds.forEach(seed -> collectKeys(seed, keys));
            collectKeys(mapper.readTree(schema), keys);
            return new SpecMutator(List.copyOf(seeds), List.copyOf(keys));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mutated seed spec, as UTF-8 YAML bytes. */
    byte[] mutate(FuzzedDataProvider data) {
        JsonNode root = seeds.get(data.consumeInt(0, seeds.size() - 1)).deepCopy();
        int edits = data.consumeInt(1, 6);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            edit(root, data);
        }
        try {
            return yaml.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A place in the tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {

        JsonNode value() {
            return parent.isObject() ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private void edit(JsonNode root, FuzzedDataProvider data) {
        List<Slot> slots = new ArrayList<>();
        collectSlots(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(data.consumeInt(0, slots.size() - 1));
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (data.consumeInt(0, 8)) {
            case 0 -> slot.set(nodes.textNode(data.pickValue(TRICKY)));
            case 1 -> slot.set(nodes.textNode(data.consumeString(80)));
            case 2 -> slot.set(nodes.numberNode(data.consumeInt()));
            case 3 -> slot.set(data.consumeBoolean() ? nodes.booleanNode(data.consumeBoolean()) : nodes.nullNode());
            case 4 -> slot.remove();
            case 5 -> {
                JsonNode container = slot.value().isContainerNode() ? slot.value() : slot.parent();
                JsonNode value = slots.get(data.consumeInt(0, slots.size() - 1)).value().deepCopy();
                if (container instanceof ObjectNode object) {
                    object.set(data.consumeBoolean() ? data.pickValue(keys) : data.consumeString(20), value);
                } else {
                    ((ArrayNode) container).add(value);
                }
            }
            case 6 -> {
                if (slot.parent() instanceof ObjectNode object) {
                    JsonNode value = object.remove(slot.field());
                    object.set(data.pickValue(keys), value);
                }
            }
            case 7 -> slot.set(slots.get(data.consumeInt(0, slots.size() - 1)).value().deepCopy());
            default -> slot.set(data.consumeBoolean() ? nodes.objectNode() : nodes.arrayNode());
        }
    }

    private static void collectSlots(JsonNode node, List<Slot> slots) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                slots.add(new Slot(node, entry.getKey(), -1));
                collectSlots(entry.getValue(), slots);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collectSlots(node.get(i), slots);
            }
        }
    }

    private static void collectKeys(JsonNode node, TreeSet<String> keys) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (!entry.getKey().startsWith("$")) {
                    keys.add(entry.getKey());
                }
                collectKeys(entry.getValue(), keys);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectKeys(element, keys));
        }
    }
}
