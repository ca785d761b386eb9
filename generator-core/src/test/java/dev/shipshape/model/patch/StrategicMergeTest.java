package dev.shipshape.model.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kubernetes strategic merge semantics on a Deployment and a Service tree (as {@code kubectl patch --type strategic}). */
class StrategicMergeTest {

    private static final ObjectMapper YAML = new YAMLMapper();

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, labels: {app: api}}
            spec:
              template:
                spec:
                  tolerations: [{key: a, operator: Exists}]
                  volumes: [{name: tmp, emptyDir: {}}]
                  containers:
                    - name: api
                      image: api:1
                      env: [{name: A, value: "1"}, {name: B, value: "2"}]
                      ports: [{containerPort: 8080, name: http}]
                      volumeMounts: [{name: tmp, mountPath: /tmp}]
                    - name: proxy
                      image: proxy:1
            """;

    private static ObjectNode tree(String yaml) throws Exception {
        return (ObjectNode) YAML.readTree(yaml);
    }

    private static JsonNode patch(String kind, String original, String patch) throws Exception {
        return new StrategicMerge(kind).apply(tree(original), tree(patch));
    }

    private static JsonNode containers(JsonNode deployment) {
        return deployment.at("/spec/template/spec/containers");
    }

    @Test
    void containersMergeByName() throws Exception {
        JsonNode result = patch("Deployment", DEPLOYMENT, """
                spec: {template: {spec: {containers: [{name: proxy, image: proxy:2}, {name: shell, image: busybox}]}}}
                """);
        assertEquals(3, containers(result).size(), result::toString);
        assertEquals("api:1", containers(result).get(0).path("image").asText(), "an unnamed container is untouched");
        assertEquals("proxy:2", containers(result).get(1).path("image").asText());
        assertEquals("shell", containers(result).get(2).path("name").asText(), "a new name is appended");
    }

    @Test
    void envMergesByNameInsideItsContainer() throws Exception {
        JsonNode result = patch("Deployment", DEPLOYMENT, """
                spec: {template: {spec: {containers: [{name: api, env: [{name: B, value: "3"}, {name: C, value: "4"}]}]}}}
                """);
        JsonNode env = containers(result).get(0).path("env");
        assertEquals(YAML.readTree("[{name: A, value: '1'}, {name: B, value: '3'}, {name: C, value: '4'}]"), env);
        assertEquals("api:1", containers(result).get(0).path("image").asText(), "the container's other fields stay");
    }

    @Test
    void patchDeleteRemovesAListElementByItsKey() throws Exception {
        JsonNode result = patch("Deployment", DEPLOYMENT, """
                spec: {template: {spec: {containers: [{name: proxy, $patch: delete}, {name: api, env: [{name: A, $patch: delete}]}]}}}
                """);
        assertEquals(1, containers(result).size(), result::toString);
        assertEquals(YAML.readTree("[{name: B, value: '2'}]"), containers(result).get(0).path("env"));
    }

    @Test
    void nullDeletesAKey() throws Exception {
        JsonNode result = patch("Deployment", DEPLOYMENT, """
                metadata: {labels: {app: null, team: payments}}
                spec: {template: {spec: {tolerations: null}}}
                """);
        assertEquals(YAML.readTree("{team: payments}"), result.at("/metadata/labels"));
        assertTrue(result.at("/spec/template/spec/tolerations").isMissingNode(), result::toString);
    }

    @Test
    void tolerationsAndOtherListsWithoutAMergeKeyAreReplaced() throws Exception {
        JsonNode result = patch("Deployment", DEPLOYMENT, """
                spec: {template: {spec: {tolerations: [{key: b, operator: Exists}]}}}
                """);
        assertEquals(YAML.readTree("[{key: b, operator: Exists}]"), result.at("/spec/template/spec/tolerations"));
    }

    @Test
    void containerPortsMergeByContainerPortAndServicePortsByPort() throws Exception {
        JsonNode deployment = patch("Deployment", DEPLOYMENT, """
                spec: {template: {spec: {containers: [{name: api, ports: [{containerPort: 8080, protocol: TCP}, {containerPort: 9090, name: metrics}]}]}}}
                """);
        assertEquals(YAML.readTree("[{containerPort: 8080, name: http, protocol: TCP}, {containerPort: 9090, name: metrics}]"),
                containers(deployment).get(0).path("ports"));
        JsonNode service = patch("Service", "{kind: Service, spec: {ports: [{port: 80, targetPort: http}]}}",
                "{spec: {ports: [{port: 80, name: web}, {port: 443, targetPort: https}]}}");
        assertEquals(YAML.readTree("[{port: 80, targetPort: http, name: web}, {port: 443, targetPort: https}]"), service.at("/spec/ports"));
    }

    @Test
    void volumeMountsMergeByMountPath() throws Exception {
        JsonNode result = patch("Deployment", DEPLOYMENT, """
                spec: {template: {spec: {containers: [{name: api, volumeMounts: [{mountPath: /tmp, readOnly: true}]}]}}}
                """);
        assertEquals(YAML.readTree("[{name: tmp, mountPath: /tmp, readOnly: true}]"), containers(result).get(0).path("volumeMounts"));
    }

    @Test
    void patchReplaceReplacesAMapOrAList() throws Exception {
        JsonNode map = patch("Deployment", DEPLOYMENT, "{metadata: {labels: {$patch: replace, team: payments}}}");
        assertEquals(YAML.readTree("{team: payments}"), map.at("/metadata/labels"));
        JsonNode list = patch("Deployment", DEPLOYMENT, """
                spec: {template: {spec: {volumes: [{$patch: replace}, {name: cache, emptyDir: {medium: Memory}}]}}}
                """);
        assertEquals(YAML.readTree("[{name: cache, emptyDir: {medium: Memory}}]"), list.at("/spec/template/spec/volumes"));
    }

    @Test
    void anElementWithoutItsMergeKeyIsRefused() {
        PatchFailure failure = assertThrows(PatchFailure.class, () -> patch("Deployment", DEPLOYMENT,
                "{spec: {template: {spec: {containers: [{image: other}]}}}}"));
        assertTrue(failure.getMessage().contains("merge key `name`"), failure.getMessage());
    }

    @Test
    void anUnsupportedDirectiveIsRefused() {
        PatchFailure failure = assertThrows(PatchFailure.class, () -> patch("Deployment", DEPLOYMENT,
                "{spec: {template: {spec: {$setElementOrder/containers: [{name: proxy}, {name: api}]}}}}"));
        assertTrue(failure.getMessage().contains("$setElementOrder/containers"), failure.getMessage());
    }

    @Test
    void theOriginalTreeIsNotModified() throws Exception {
        ObjectNode original = tree(DEPLOYMENT);
        new StrategicMerge("Deployment").apply(original, tree("{metadata: {labels: null}}"));
        assertEquals(tree(DEPLOYMENT), original);
    }
}
