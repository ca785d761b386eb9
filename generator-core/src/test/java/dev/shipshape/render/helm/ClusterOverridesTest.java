package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyEngine;
import dev.shipshape.render.docs.RunbookRenderer;
import dev.shipshape.testing.Kubectl;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clusters with overrides ({@code spec.clusters[].overrides}, {@code specs/multi-region.yaml}): two
 * of production's three regional clusters differ from it, so each runs a view of its own, compiled,
 * checked and delivered like an environment's but layered on its environment's overlay and values.
 */
class ClusterOverridesTest {

    private static final ApplicationModel MODEL = Charts.testModel("multi-region.yaml");

    @Test
    void eachClusterOverlayBuildsExactlyItsViewsObjectsOnItsEnvironmentsOverlay(@TempDir Path temp) throws Exception {
        Path output = temp.resolve("output");
        Charts.write(MODEL, output);
        for (String cluster : List.of("atlas-europe-west1", "atlas-us-east1")) {
            Path overlay = output.resolve("atlas/kustomize/overlays/" + cluster);
            String kustomization = Files.readString(overlay.resolve("kustomization.yaml"), StandardCharsets.UTF_8);
            assertTrue(kustomization.contains("resources:\n  - ../production\n"), cluster + " is layered on production:\n" + kustomization);
            SortedMap<ObjectKey, JsonNode> built = new TreeMap<>();
            for (JsonNode document : Charts.YAML.readAll(Kubectl.kustomize(overlay))) {
                built.put(new ObjectKey(document.path("apiVersion").asText(), document.path("kind").asText(),
                        document.path("metadata").path("namespace").asText(""), document.path("metadata").path("name").asText()), document);
            }
            SortedMap<ObjectKey, JsonNode> expected = new TreeMap<>();
            MODEL.environments().get(cluster).forEach(object -> expected.put(ObjectKey.of(object), Charts.YAML.tree(object)));
            assertEquals(expected.keySet(), built.keySet(), cluster + ": objects");
            expected.forEach((key, object) -> assertEquals(object, built.get(key), cluster + ": " + key));
        }
    }

    @Test
    void aClusterOverlayHoldsOnlyWhatTheClusterChanges(@TempDir Path temp) throws Exception {
        Path output = temp.resolve("output");
        Charts.write(MODEL, output);
        try (var files = Files.walk(output.resolve("atlas/kustomize/overlays/atlas-europe-west1"))) {
            assertEquals(List.of("kustomization.yaml", "patches/deployment-api.yaml", "patches/persistentvolumeclaim-api-uploads.yaml"),
                    files.filter(Files::isRegularFile).map(f -> output.resolve("atlas/kustomize/overlays/atlas-europe-west1").relativize(f).toString())
                            .sorted().toList(), "the region variable and the StorageClass, nothing production already has");
        }
        String deletion = Files.readString(output.resolve("atlas/kustomize/overlays/atlas-us-east1/patches/statefulset-cache.yaml"));
        assertTrue(deletion.contains("$patch: delete"), "the cache the US cluster drops is deleted from production's overlay:\n" + deletion);
        String values = Files.readString(output.resolve("atlas/helm/atlas/values-atlas-us-east1.yaml"));
        assertTrue(values.contains("\n  replicas: 5\n") && values.contains("secretStoreRefName: vault-us") && !values.contains("replicas: 3"),
                "the cluster's values file holds what it changes over values-production.yaml:\n" + values);
    }

    @Test
    void fluxDeliversEachClusterItsOwnViewAndTheOthersTheirEnvironments() {
        assertEquals("./output/atlas/kustomize/overlays/atlas-europe-west1", kustomizationSpec("atlas-europe-west1").get("path"));
        assertEquals("./output/atlas/kustomize/overlays/production", kustomizationSpec("atlas-europe-west4").get("path"),
                "a cluster without overrides runs its environment's overlay");
        @SuppressWarnings("unchecked")
        Map<String, Object> release = (Map<String, Object>) delivery("atlas-us-east1").helmRelease().getAdditionalProperties().get("spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> chart = (Map<String, Object>) ((Map<String, Object>) release.get("chart")).get("spec");
        assertEquals(List.of("./output/atlas/helm/atlas/values.yaml", "./output/atlas/helm/atlas/values-production.yaml",
                "./output/atlas/helm/atlas/values-atlas-us-east1.yaml"), chart.get("valuesFiles"));
        HasMetadata deployment = MODEL.environments().get("atlas-us-east1").stream()
                .filter(o -> o.getKind().equals("Deployment")).findFirst().orElseThrow();
        assertEquals(5, ((io.fabric8.kubernetes.api.model.apps.Deployment) deployment).getSpec().getReplicas());
    }

    @Test
    void policiesCheckEachClusterViewAndTheRunbookSaysWhereItsOverridesAre() throws Exception {
        List<Finding> findings = PolicyEngine.builder().build().evaluate(MODEL).findings();
        assertTrue(findings.stream().anyMatch(f -> f.environments().contains("atlas-us-east1")),
                "a cluster's view is checked like an environment's: " + findings);
        assertFalse(findings.stream().anyMatch(f -> f.environments().contains("atlas-europe-west4")),
                "a cluster without overrides is checked as its environment");
        String runbook = new RunbookRenderer().markdown(MODEL);
        assertTrue(runbook.contains("`atlas-europe-west1` (europe-west1, Kustomization, its own overrides in `atlas/kustomize/overlays/atlas-europe-west1/`)"), runbook);
        assertTrue(runbook.contains("`atlas-us-east1` (us-east1, HelmRelease, its own overrides in `atlas/helm/atlas/values-atlas-us-east1.yaml`)"), runbook);
        assertTrue(runbook.contains("atlas-europe-west1, production: 3 replicas; atlas-us-east1: 5 replicas; staging: 2 replicas"), runbook);
    }

    /**
     * Several clusters serve one host, so the Let's Encrypt issuer solves DNS-01 ({@code spec.tls.dns01}):
     * its solver names the Kubernetes Secret of the spec secret, it validates against cert-manager's
     * schema, no HTTP-01 solver policy is emitted, and the multi-cluster warning holds its peace.
     */
    @Test
    void theLetsEncryptIssuerOfSeveralRegionsSolvesDns01() throws Exception {
        for (var view : MODEL.environments().entrySet()) {
            HasMetadata issuer = view.getValue().stream().filter(o -> o.getKind().equals("Issuer")).findFirst().orElseThrow();
            assertEquals(List.of(), new dev.shipshape.testing.StrictSchemas().problems(issuer), view.getKey() + ": " + issuer);
            JsonNode solver = Charts.YAML.tree(issuer).at("/spec/acme/solvers/0");
            assertEquals("{\"dns01\":{\"cloudDNS\":{\"project\":\"atlas-dns\",\"serviceAccountSecretRef\":{\"key\":\"key.json\",\"name\":\"atlas-clouddns-dns01\"}}}}",
                    solver.toString(), view.getKey());
            assertFalse(view.getValue().stream().anyMatch(o -> o.getMetadata().getName().equals("acme-http01-solver")),
                    view.getKey() + ": no HTTP-01 solver pods to admit");
        }
        assertFalse(PolicyEngine.builder().build().evaluate(MODEL).findings().stream()
                .anyMatch(f -> f.ruleId().equals("acme-http01-one-cluster")), "DNS-01 answers for every region");
    }

    private static ClusterDelivery delivery(String cluster) {
        return MODEL.deliveries().stream().filter(d -> d.cluster().name().equals(cluster)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kustomizationSpec(String cluster) {
        GenericKubernetesResource kustomization = delivery(cluster).entry().stream()
                .filter(o -> o.getKind().equals("Kustomization") && o.getMetadata().getName().equals("atlas"))
                .findFirst().orElseThrow();
        return (Map<String, Object>) kustomization.getAdditionalProperties().get("spec");
    }
}
