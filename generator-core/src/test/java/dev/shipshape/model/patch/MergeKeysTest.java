package dev.shipshape.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.testing.StrictSchemas;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The merge-key table agrees with the Kubernetes API: for every list in the strict v1.32 schema
 * of a kind shipshape emits, {@link MergeKeys} merges by the schema's
 * {@code x-kubernetes-patch-merge-key} when its {@code x-kubernetes-patch-strategy} includes
 * {@code merge}, as a set for a merged list of scalars, and replaces every other list.
 */
class MergeKeysTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"Deployment, deployment-apps-v1", "StatefulSet, statefulset-apps-v1", "Job, job-batch-v1",
            "CronJob, cronjob-batch-v1", "Service, service-v1", "Ingress, ingress-networking-v1"})
    void everyListOfTheSchemaMergesAsTheApiSays(String kind, String schema) throws IOException {
        JsonNode root;
        try (InputStream in = MergeKeysTest.class.getClassLoader().getResourceAsStream(StrictSchemas.KUBERNETES + schema + ".json")) {
            assertNotNull(in, schema);
            root = JSON.readTree(in);
        }
        List<String> lists = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        walk(root, "", (path, node) -> {
            if (path.startsWith("status") || path.contains("/status/") || path.contains("managedFields")) {
                return;
            }
            lists.add(path);
            String strategy = node.path("x-kubernetes-patch-strategy").asText();
            MergeKeys.Strategy expected = !strategy.contains("merge") ? new MergeKeys.Replace()
                    : node.has("x-kubernetes-patch-merge-key") ? new MergeKeys.ByKey(node.get("x-kubernetes-patch-merge-key").asText())
                    : new MergeKeys.Set();
            MergeKeys.Strategy actual = MergeKeys.of(kind, path);
            if (!expected.equals(actual)) {
                wrong.add(path + ": the API says " + expected + ", the table " + actual);
            }
        });
        assertTrue(lists.size() > 5, "lists found in " + schema + ": " + lists);
        assertEquals(List.of(), wrong, () -> String.join("\n", wrong));
    }

    private interface ListVisitor {
        void visit(String path, JsonNode schema);
    }

    private static void walk(JsonNode schema, String path, ListVisitor visitor) {
        if (schema.path("type").asText().equals("array") || schema.path("type").has(0) && schema.path("type").get(0).asText().equals("array")) {
            visitor.visit(path, schema);
            walk(schema.path("items"), path + "/*", visitor);
        }
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            walk(property.getValue(), path.isEmpty() ? property.getKey() : path + "/" + property.getKey(), visitor);
        }
    }
}
