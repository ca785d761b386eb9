package dev.shipshape.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.common.types.CelKind;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdmissionPolicyExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PolicyEngine engine = PolicyEngine.builder().enable("cpu-limit").build();
    private final AdmissionPolicyExport export = new AdmissionPolicyExport(engine.rules());

    @Test
    void everyObjectRuleIsExportedAndNoOtherRule() {
        List<String> objectRules = engine.rules().stream().filter(r -> r.target().scope() == Target.Scope.OBJECTS).map(Rule::id).sorted().toList();
        assertEquals(objectRules, export.exportable().stream().map(Rule::id).toList());
        List<HasMetadata> objects = export.objects("acme", "acme");
        assertEquals(2 * objectRules.size(), objects.size());
        assertTrue(objectRules.contains("image-tag-pinned"));
        assertFalse(export.exportable().stream().anyMatch(r -> r.id().equals("pdb-exists")), "set rules stay in CI");
    }

    @Test
    void exportedObjectsValidateAgainstTheStrictKubernetesSchemas() {
        ObjectTrees trees = new ObjectTrees();
        StrictSchemas schemas = new StrictSchemas();
        for (HasMetadata object : export.objects("acme", "acme")) {
            JsonNode tree = JSON.valueToTree(trees.tree(object));
            assertEquals(List.of(), schemas.problems(tree), object.getKind() + " " + object.getMetadata().getName());
            ((ObjectNode) tree.get("spec")).put("bogus", 1);
            assertFalse(schemas.problems(tree).isEmpty(), "the strict schema rejects unknown fields");
        }
    }

    /**
     * The same CEL in both places: each exported policy, evaluated as the API server would (variables
     * in order, then every validation on {@code object}), accepts exactly the pass fixtures of its rule.
     */
    @Test
    void exportedPoliciesDecideTheFixturesLikeTheEngine() throws IOException {
        CelExpressionCompiler compiler = new CelExpressionCompiler();
        Path fixtures = RepositoryRoot.path().resolve("policies/fixtures");
        int checked = 0;
        for (Rule rule : export.exportable()) {
            List<CelExpressionCompiler.CompiledExpression> variables = new ArrayList<>();
            StandardVariables.DEFINITIONS.values().forEach(cel -> variables.add(compiler.compile(cel, CelKind.DYN)));
            CelExpressionCompiler.CompiledExpression params = compiler.compile(CelLiteral.of(rule.parameters()), CelKind.DYN);
            List<CelExpressionCompiler.CompiledExpression> validations = rule.checks().stream()
                    .map(c -> compiler.compile(AdmissionPolicyExport.expression(c), CelKind.BOOL)).toList();
            validations.forEach(v -> assertTrue(v.portable(), rule.id()));
            try (var files = Files.list(fixtures.resolve(rule.id()))) {
                for (Path fixture : files.sorted().toList()) {
                    boolean admitted = true;
                    for (Map<String, Object> object : documents(fixture)) {
                        if (!rule.target().appliesTo(String.valueOf(object.get("kind")))) {
                            continue;
                        }
                        Map<String, Object> vars = new HashMap<>();
                        Map<String, Object> activation = Map.of("object", object, "variables", vars);
                        List<String> names = new ArrayList<>(StandardVariables.DEFINITIONS.keySet());
                        for (int i = 0; i < names.size(); i++) {
                            vars.put(names.get(i), variables.get(i).eval(activation));
                        }
                        vars.put("params", params.eval(Map.of()));
                        for (CelExpressionCompiler.CompiledExpression validation : validations) {
                            admitted &= Boolean.TRUE.equals(validation.eval(activation));
                        }
                    }
                    assertEquals(fixture.getFileName().toString().startsWith("pass-"), admitted, fixture.toString());
                    checked++;
                }
            } catch (dev.cel.runtime.CelEvaluationException e) {
                throw new AssertionError(rule.id() + ": " + e.getMessage(), e);
            }
        }
        assertTrue(checked > 50, "checked " + checked + " fixtures");
    }

    private static List<Map<String, Object>> documents(Path fixture) throws IOException {
        ObjectTrees trees = new ObjectTrees();
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> nodes = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(fixture.toFile())) {
            while (nodes.hasNext()) {
                documents.add(trees.map(nodes.next()));
            }
        }
        return documents;
    }
}
