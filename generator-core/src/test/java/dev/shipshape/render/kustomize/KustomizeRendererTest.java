package dev.shipshape.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.output.OutputTree;
import dev.shipshape.output.OutputWriter;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.TestModels;
import dev.shipshape.testing.Kubectl;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KustomizeRendererTest {

    private final ObjectYaml yaml = new ObjectYaml();
    private final KustomizeRenderer renderer = new KustomizeRenderer(yaml, new ObjectDiff());

    private SortedMap<String, String> render(ApplicationModel model) {
        OutputTree tree = new OutputTree();
        renderer.render(List.of(model), tree);
        return tree.files();
    }

    @Test
    void kubectlKustomizeOfEveryOverlayYieldsExactlyTheEnvironmentsObjects(@TempDir Path temp) throws Exception {
        ApplicationModel model = TestModels.shop(List.of());
        OutputTree tree = new OutputTree();
        renderer.render(List.of(model), tree);
        Path output = temp.resolve("output");
        new OutputWriter("test").write(tree, output, temp.resolve("project"));

        for (var environment : model.environments().entrySet()) {
            String built = Kubectl.kustomize(output.resolve("shop/kustomize/overlays/" + environment.getKey()));
            SortedMap<ObjectKey, JsonNode> actual = new TreeMap<>();
            for (JsonNode document : yaml.readAll(built)) {
                ObjectKey key = new ObjectKey(document.path("apiVersion").asText(), document.path("kind").asText(),
                        document.path("metadata").path("namespace").asText(""), document.path("metadata").path("name").asText());
                assertTrue(actual.put(key, document) == null, "kustomize printed " + key + " twice");
            }
            SortedMap<ObjectKey, JsonNode> expected = new TreeMap<>();
            for (HasMetadata object : environment.getValue()) {
                expected.put(ObjectKey.of(object), yaml.tree(object));
            }
            assertEquals(expected.keySet(), actual.keySet(), "objects of " + environment.getKey());
            expected.forEach((key, object) -> assertEquals(object, actual.get(key), key + " in " + environment.getKey()));
        }
    }

    @Test
    void baseHoldsTheObjectsEveryEnvironmentHasInTheirDefaultView() {
        SortedMap<String, String> files = render(TestModels.shop(List.of()));
        assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n"
                        + "  - configmap-api-settings.yaml\n  - deployment-api.yaml\n  - namespace-shop.yaml\n  - service-api.yaml\n",
                files.get("shop/kustomize/base/kustomization.yaml"));
        assertEquals(yaml.write(TestModels.defaults().get(1)), files.get("shop/kustomize/base/deployment-api.yaml"));
        assertFalse(files.containsKey("shop/kustomize/base/ingress-api.yaml"), "preview has no Ingress");
    }

    @Test
    void overlaysAddTheirOwnObjectsAndPatchOnlyWhatDiffers() {
        SortedMap<String, String> files = render(TestModels.shop(List.of()));

        assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n",
                files.get("shop/kustomize/overlays/preview/kustomization.yaml"));
        assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n"
                        + "  - ingress-api.yaml\n  - poddisruptionbudget-api.yaml\n  - statefulset-db.yaml\n",
                files.get("shop/kustomize/overlays/production/kustomization.yaml"));
        assertEquals("""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - ../../base
                  - ingress-api.yaml
                patches:
                  - path: patches/configmap-api-settings.yaml
                    target:
                      version: v1
                      kind: ConfigMap
                      name: api-settings
                      namespace: shop
                  - path: patches/deployment-api.yaml
                    target:
                      group: apps
                      version: v1
                      kind: Deployment
                      name: api
                      namespace: shop
                """, files.get("shop/kustomize/overlays/staging/kustomization.yaml"));
        assertEquals("""
                - op: remove
                  path: /metadata/labels/tier
                - op: add
                  path: /metadata/annotations
                  value:
                    example.com/owner~team: payments
                - op: replace
                  path: /spec/replicas
                  value: 3
                - op: replace
                  path: /spec/template/spec/containers/0/env
                  value:
                    - name: PORT
                      value: "8080"
                    - name: FEATURE_FLAGS
                      value: "on"
                - op: replace
                  path: /spec/template/spec/containers/0/image
                  value: registry.example.com/shop/api:2.0.0-rc1
                """, files.get("shop/kustomize/overlays/staging/patches/deployment-api.yaml"));
        assertEquals("- op: replace\n  path: /data/LOG_LEVEL\n  value: debug\n",
                files.get("shop/kustomize/overlays/staging/patches/configmap-api-settings.yaml"));
        assertFalse(files.keySet().stream().anyMatch(path -> path.startsWith("shop/kustomize/overlays/preview/patches/")));
    }

    @Test
    void anApplicationWithoutEnvironmentsIsABaseOnly() {
        ApplicationModel model = TestModels.shop(List.of());
        ApplicationModel baseOnly = new ApplicationModel(model.spec(), model.defaults(), new TreeMap<>(), Map.of());
        SortedMap<String, String> files = render(baseOnly);
        assertEquals(6, files.size(), files.keySet().toString());
        assertTrue(files.keySet().stream().allMatch(path -> path.startsWith("shop/kustomize/base/")));
    }

    @Test
    void aModelListingAnObjectTwiceIsAnInternalError() {
        ApplicationModel model = TestModels.shop(List.of());
        List<HasMetadata> twice = new java.util.ArrayList<>(model.defaults());
        twice.add(model.defaults().get(0));
        ApplicationModel broken = new ApplicationModel(model.spec(), twice, model.environments(), Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> render(broken));
        assertTrue(e.getMessage().contains("ConfigMap/shop/api-settings twice"), e.getMessage());
    }
}
