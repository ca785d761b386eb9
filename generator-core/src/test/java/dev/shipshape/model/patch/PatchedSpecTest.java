package dev.shipshape.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ModelBuilder;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyEngine;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fixture {@code specs/patched.yaml} through the production loader and model builder: every
 * view's objects carry the patches (the base's, then the environment's appended ones), still
 * validate against the strict schemas, and the policies judge the patched objects.
 */
class PatchedSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path fixture() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(PatchedSpecTest.class.getResource("/specs/patched.yaml")).toURI());
    }

    static ApplicationModel model() throws Exception {
        ApplicationSpec spec = new SpecLoader().load(fixture());
        return new ModelBuilder().build(spec);
    }

    private static JsonNode object(List<HasMetadata> objects, String kind, String name) {
        return JSON.valueToTree(objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name)));
    }

    @Test
    void theDefaultViewCarriesTheStrategicMergeAndJsonPatches() throws Exception {
        List<HasMetadata> objects = model().defaults();
        JsonNode deployment = object(objects, "Deployment", "api");
        assertEquals("team-api", deployment.at("/metadata/annotations/example.com~1owner").asText());
        assertEquals(45, deployment.at("/spec/template/spec/terminationGracePeriodSeconds").asInt());
        JsonNode env = deployment.at("/spec/template/spec/containers/0/env");
        assertEquals("LOG_LEVEL", env.get(0).path("name").asText(), env::toString);
        assertEquals("debug", env.get(0).path("value").asText(), "merged by name into the generated variable: " + env);
        assertEquals("GOMAXPROCS", env.get(env.size() - 1).path("name").asText(), "a new name is appended: " + env);
        assertEquals(1, env.findValues("name").stream().filter(n -> n.asText().equals("LOG_LEVEL")).count(), env::toString);
        assertEquals("ClientIP", object(objects, "Service", "api").at("/spec/sessionAffinity").asText());
        assertEquals("64m", object(objects, "Ingress", "api").at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size").asText());
    }

    @Test
    void anEnvironmentsPatchesComeAfterTheComponentsOwn() throws Exception {
        ApplicationModel model = model();
        JsonNode staging = object(model.environments().get("staging"), "Deployment", "api");
        assertEquals(10, staging.at("/spec/template/spec/terminationGracePeriodSeconds").asInt(), "staging's patch wins");
        assertEquals("team-api", staging.at("/metadata/annotations/example.com~1owner").asText(), "the base patch still applies");
        JsonNode production = object(model.environments().get("production"), "Deployment", "api");
        assertEquals(45, production.at("/spec/template/spec/terminationGracePeriodSeconds").asInt());
        assertTrue(production.at("/spec/template/spec/containers/0/resources/limits/memory").isMissingNode(), production::toString);
        assertFalse(staging.at("/spec/template/spec/containers/0/resources/limits/memory").isMissingNode());
    }

    @Test
    void nullDropsTheComponentsPatchesInAnEnvironment(@TempDir Path directory) throws Exception {
        ApplicationModel model = InlineSpec.application("shop").model(directory, """
                components:
                  api:
                    type: web
                    image: ghcr.io/example/api:1.0.0
                    port: 8080
                    patches:
                      - target: {kind: Service}
                        patch: {spec: {sessionAffinity: ClientIP}}
                environments:
                  dev:
                    components:
                      api: {patches: null}
                  production: {}
                """);
        assertEquals("ClientIP", object(model.environments().get("production"), "Service", "api").at("/spec/sessionAffinity").asText());
        assertTrue(object(model.environments().get("dev"), "Service", "api").at("/spec/sessionAffinity").isMissingNode());
    }

    @Test
    void everyPatchedObjectValidatesStrictly() throws Exception {
        new StrictSchemas().assertValid(model());
    }

    @Test
    void thePoliciesJudgeThePatchedObjects() throws Exception {
        PolicyReport report = PolicyEngine.builder().build().evaluate(model());
        List<Finding> memory = report.findings().stream().filter(f -> f.ruleId().equals("memory-limit")).toList();
        assertEquals(1, memory.size(), memory::toString);
        assertEquals(List.of("production"), memory.get(0).environments());
        assertEquals("Deployment/patched/api", memory.get(0).object().toString());
    }
}
