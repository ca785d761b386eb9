package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.testing.StrictSchemas;
import dev.shipshape.render.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every chart shipshape writes for the repository's specs passes Helm's own checks: {@code helm
 * lint --strict} with each values file, strict Kubernetes and CRD schemas for everything
 * {@code helm template} prints, its {@code values.schema.json} for every shipped values file, and
 * its {@code kubeVersion} constraint.
 */
class HelmChartTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> specFiles() {
        return Charts.specFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void helmLintStrictIsCleanForTheChartAndEveryValuesFile(Path specFile, @TempDir Path temp) throws Exception {
        assertLintClean(Charts.model(specFile), temp);
    }

    @Test
    void helmLintStrictIsCleanForAHandBuiltModel(@TempDir Path temp) throws Exception {
        assertLintClean(TestModels.shop(List.of()), temp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void helmTemplateOfEveryEnvironmentValidatesAgainstTheStrictSchemas(Path specFile, @TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(specFile);
        Path chart = Charts.write(model, temp.resolve("output"));
        StrictSchemas schemas = new StrictSchemas();
        for (String env : model.environments().keySet()) {
            var objects = Charts.withoutHelmLabels(Charts.template(chart, model.name(), env, Map.of()));
            assertFalse(objects.isEmpty(), env + " renders objects");
            // validate the objects as Helm prints them, Helm's labels included
            for (JsonNode object : Charts.YAML.readAll(Charts.template(chart, model.name(), env, Map.of()))) {
                if (object.isObject()) {
                    assertEquals(List.of(), schemas.problems(object), model.name() + " " + env + ": " + object.path("kind").asText()
                            + " " + object.path("metadata").path("name").asText());
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void valuesSchemaAcceptsEveryShippedValuesFileAndRejectsReplicasAsAString(Path specFile, @TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(specFile);
        assertSchemaAcceptsValuesAndRejectsReplicasAsAString(model, Charts.write(model, temp.resolve("output")));
    }

    /**
     * A large chart's schema shares its repeated subschemas through {@code definitions} and
     * {@code $ref} ({@link ValuesSchema#share}): shared, every shipped chart's schema must accept and
     * reject exactly as written out in full, in the JSON Schema validator and in Helm's own.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void aSharedValuesSchemaAcceptsAndRejectsTheSameValues(Path specFile, @TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(specFile);
        Path chart = Charts.write(model, temp.resolve("output"));
        Path file = chart.resolve("values.schema.json");
        ObjectNode schema = (ObjectNode) JSON.readTree(file.toFile());
        String inline = schema.toString();
        ValuesSchema.share(schema);
        assertTrue(schema.toString().length() < inline.length() || !schema.has("definitions"), "sharing makes the schema shorter");
        // every image value has the same schema: a chart of more than one image shares it
        boolean severalImages = inline.split("\"repository\":").length > 2;
        assertEquals(severalImages, schema.has("definitions"), "definitions for a chart " + (severalImages ? "with" : "without") + " several images");
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema));
        assertSchemaAcceptsValuesAndRejectsReplicasAsAString(model, chart);
    }

    @Test
    void componentsWithTheSameValuesShareOneDefinition(@TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(Charts.specFiles().stream()
                .filter(file -> file.getFileName().toString().equals("acme.yaml")).findFirst().orElseThrow());
        ObjectNode schema = (ObjectNode) JSON.readTree(Charts.write(model, temp.resolve("output")).resolve("values.schema.json").toFile());
        ValuesSchema.share(schema);
        // acme's api and ui (and its database's jobs) have images of one schema, written once
        assertEquals("#/definitions/image", schema.at("/properties/api/properties/image/$ref").asText(), schema.toString());
        assertEquals("#/definitions/image", schema.at("/properties/ui/properties/image/$ref").asText());
        assertEquals("object", schema.at("/definitions/image/type").asText());
        assertTrue(schema.at("/definitions/image/properties/digest").isObject());
        // each use keeps its own description; the definition has none of a single use's
        assertTrue(schema.at("/properties/api/properties/image/description").asText().contains("of api"));
        assertTrue(schema.at("/properties/ui/properties/image/description").asText().contains("of ui"));
        assertTrue(schema.at("/definitions/image/description").isMissingNode());
    }

    private static void assertSchemaAcceptsValuesAndRejectsReplicasAsAString(ApplicationModel model, Path chart) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                .getSchema(JSON.readTree(chart.resolve("values.schema.json").toFile()));
        ObjectNode defaults = values(chart.resolve("values.yaml"));
        assertEquals(Set.of(), schema.validate(defaults), "values.yaml");
        for (String env : model.environments().keySet()) {
            ObjectNode merged = merge(defaults.deepCopy(), values(chart.resolve("values-" + env + ".yaml")));
            assertEquals(Set.of(), schema.validate(merged), "values.yaml with values-" + env + ".yaml");
        }

        String replicas = replicasKey(defaults);
        ObjectNode wrong = defaults.deepCopy();
        ((ObjectNode) wrong.at(replicas.substring(0, replicas.lastIndexOf('/')))).put(replicas.substring(replicas.lastIndexOf('/') + 1), "abc");
        assertFalse(schema.validate(wrong).isEmpty(), replicas + " as a string is rejected");
        String setKey = replicas.substring(1).replace('/', '.');
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Charts.template(chart, model.name(), null, Map.of(setKey, "abc")), "helm template --set " + setKey + "=abc");
        assertTrue(failure.getMessage().contains("schema"), failure.getMessage());
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> Charts.template(chart, model.name(), null, Map.of("replicsa", 3)), "a misspelt key");
        assertTrue(unknown.getMessage().contains("schema"), unknown.getMessage());
    }

    @Test
    void chartDeclaresItsKubernetesVersionsAndHelmEnforcesThem(@TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(Charts.specFiles().get(0));
        Path chart = Charts.write(model, temp.resolve("output"));
        assertTrue(Files.readString(chart.resolve("Chart.yaml")).contains("\nkubeVersion: \"" + ChartText.KUBE_VERSION + "\"\n"));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new Helm(chart).template().withName(model.name()).call(),
                "helm-java templates for Kubernetes v1.20.0, which the constraint excludes");
        assertTrue(refused.getMessage().contains("kubeVersion"), refused.getMessage());
    }

    private static void assertLintClean(ApplicationModel model, Path temp) throws IOException, dev.shipshape.output.OutputException {
        Path chart = Charts.withoutKubeVersion(Charts.write(model, temp.resolve("output")));
        List<String> views = new ArrayList<>();
        views.add(null);
        views.addAll(model.environments().keySet());
        ObjectNode defaults = values(chart.resolve("values.yaml"));
        for (String env : views) {
            // helm-java's lint takes no -f: lint a copy whose values.yaml is the merged values of the environment
            Path copy = temp.resolve("lint-" + (env == null ? "default" : env)).resolve(model.name());
            Charts.copyTree(chart, copy);
            if (env != null) {
                ObjectNode merged = merge(defaults.deepCopy(), values(chart.resolve("values-" + env + ".yaml")));
                Files.writeString(copy.resolve("values.yaml"), Charts.YAML.write(merged));
            }
            LintResult result = new Helm(copy).lint().strict().call();
            List<String> problems = result.getMessages().stream().filter(m -> !m.startsWith("[INFO]")).toList();
            assertFalse(result.isFailed(), model.name() + " " + env + ": " + result.getMessages());
            assertEquals(List.of(), problems, model.name() + " " + env);
        }
    }

    /**
     * The first {@code replicas} or {@code minReplicas} key of the values, else (a chart of
     * StatefulSets only, whose replica counts are no values) the first {@code schedule}, as a JSON
     * Pointer: each refuses the string {@code abc}.
     */
    private static String replicasKey(JsonNode values) {
        List<String> found = new ArrayList<>();
        find(values, "", found, (key, value) -> (key.equals("replicas") || key.equals("minReplicas")) && value.isIntegralNumber());
        find(values, "", found, (key, value) -> key.equals("schedule") && value.isTextual());
        assertFalse(found.isEmpty(), "the chart has a replicas or schedule value");
        return found.get(0);
    }

    private static void find(JsonNode node, String pointer, List<String> found, java.util.function.BiPredicate<String, JsonNode> wanted) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = pointer + "/" + field.getKey();
            if (wanted.test(field.getKey(), field.getValue())) {
                found.add(path);
            } else if (field.getValue().isObject()) {
                find(field.getValue(), path, found, wanted);
            }
        }
    }

    private static ObjectNode values(Path file) throws IOException {
        return (ObjectNode) Charts.YAML.readAll(Files.readString(file)).get(0);
    }

    /** Helm's coalescing of a values file into the chart's values: maps merged, null deletes, anything else replaces (RFC 7386). */
    static ObjectNode merge(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                target.remove(field.getKey());
            } else if (field.getValue().isObject() && target.get(field.getKey()) instanceof ObjectNode nested) {
                merge(nested, field.getValue());
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return target;
    }
}
