package dev.shipshape.render.flux;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.testing.StrictSchemas;
import dev.shipshape.render.TestModels;
import dev.shipshape.spec.Cluster;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FluxRendererTest {

    private final ObjectYaml yaml = new ObjectYaml();
    private final FluxRenderer renderer = new FluxRenderer(yaml);

    private static ApplicationModel shop() {
        return TestModels.shop(List.of(
                TestModels.cluster("eu-production", "production", Cluster.Method.KUSTOMIZE, "infrastructure", "cert-manager"),
                TestModels.cluster("eu-staging", "staging", Cluster.Method.HELM)));
    }

    /** A second application on the production cluster. */
    private static ApplicationModel blog() {
        SortedMap<String, List<io.fabric8.kubernetes.api.model.HasMetadata>> environments = new TreeMap<>();
        environments.put("production", List.of());
        return new ApplicationModel(TestModels.spec("blog", "blog.yaml", environments,
                List.of(TestModels.cluster("eu-production", "production", Cluster.Method.KUSTOMIZE))),
                List.of(), environments, Map.of());
    }

    private SortedMap<String, String> render(ApplicationModel... models) {
        OutputTree tree = new OutputTree();
        renderer.render(List.of(models), tree);
        return tree.files();
    }

    @Test
    void everyClusterGetsAKustomizationListingItsApplications() {
        OutputTree tree = new OutputTree();
        renderer.render(List.of(blog(), shop()), tree);
        assertEquals(Set.of("clusters/eu-production/blog.yaml", "clusters/eu-production/kustomization.yaml",
                "clusters/eu-production/shop.yaml", "clusters/eu-production/infrastructure.yaml",
                "clusters/eu-production/infrastructure/controllers/ingress-nginx.yaml",
                "clusters/eu-production/infrastructure/controllers/kustomization.yaml",
                "clusters/eu-staging/kustomization.yaml", "clusters/eu-staging/shop.yaml",
                "clusters/eu-staging/infrastructure.yaml", "clusters/eu-staging/infrastructure/controllers/ingress-nginx.yaml",
                "clusters/eu-staging/infrastructure/controllers/kustomization.yaml",
                "clusters/eu-staging/shop/helmrelease.yaml", "clusters/eu-staging/shop/kustomization.yaml"),
                tree.files().keySet());
        assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - blog.yaml\n  - infrastructure.yaml\n"
                        + "  - shop.yaml\n",
                tree.files().get("clusters/eu-production/kustomization.yaml"));
        assertEquals(Set.of("blog.yaml", "shop.yaml"), tree.sources("clusters/eu-production/kustomization.yaml"));
        assertEquals(Set.of("shop.yaml"), tree.sources("clusters/eu-production/infrastructure/controllers/ingress-nginx.yaml"),
                "blog's objects need nothing from the platform");
        assertEquals(Set.of("shop.yaml"), tree.sources("clusters/eu-staging/shop.yaml"));
    }

    @Test
    void kustomizeMethodDeliversTheEnvironmentsOverlayWithHealthChecksAndDependencies() {
        String text = render(shop()).get("clusters/eu-production/shop.yaml");
        assertEquals("""
                apiVersion: source.toolkit.fluxcd.io/v1
                kind: GitRepository
                metadata:
                  labels:
                    app.kubernetes.io/managed-by: shipshape
                    app.kubernetes.io/part-of: shop
                    shipshape.dev/environment: production
                    shipshape.dev/region: eu-west-1
                  name: shop
                  namespace: flux-system
                spec:
                  interval: 5m
                  ref:
                    branch: main
                  url: https://github.com/example/gitops
                ---
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  labels:
                    app.kubernetes.io/managed-by: shipshape
                    app.kubernetes.io/part-of: shop
                    shipshape.dev/environment: production
                    shipshape.dev/region: eu-west-1
                  name: shop
                  namespace: flux-system
                spec:
                  dependsOn:
                    - name: cert-manager
                    - name: infra-controllers
                    - name: infrastructure
                  healthChecks:
                    - apiVersion: apps/v1
                      kind: Deployment
                      name: api
                      namespace: shop
                    - apiVersion: apps/v1
                      kind: StatefulSet
                      name: db
                      namespace: shop
                  interval: 5m
                  path: ./output/shop/kustomize/overlays/production
                  prune: true
                  sourceRef:
                    kind: GitRepository
                    name: shop
                  timeout: 5m
                  wait: false
                """, text);
    }

    @Test
    void helmMethodReleasesTheChartWithTheEnvironmentsValues() {
        SortedMap<String, String> files = render(shop());
        JsonNode kustomization = yaml.readAll(files.get("clusters/eu-staging/shop.yaml")).get(1);
        assertEquals("Kustomization", kustomization.path("kind").asText());
        assertEquals("./output/clusters/eu-staging/shop", kustomization.at("/spec/path").asText());
        assertEquals("HelmRelease", kustomization.at("/spec/healthChecks/0/kind").asText());
        assertEquals("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - helmrelease.yaml\n",
                files.get("clusters/eu-staging/shop/kustomization.yaml"));
        JsonNode release = yaml.readAll(files.get("clusters/eu-staging/shop/helmrelease.yaml")).get(0);
        assertEquals("HelmRelease", release.path("kind").asText());
        JsonNode spec = release.path("spec");
        assertEquals("./output/shop/helm/shop", spec.at("/chart/spec/chart").asText());
        assertEquals("Revision", spec.at("/chart/spec/reconcileStrategy").asText());
        assertEquals("[\"./output/shop/helm/shop/values.yaml\",\"./output/shop/helm/shop/values-staging.yaml\"]",
                spec.at("/chart/spec/valuesFiles").toString());
        assertEquals("{\"kind\":\"GitRepository\",\"name\":\"shop\"}", spec.at("/chart/spec/sourceRef").toString());
        assertEquals("shop", spec.path("targetNamespace").asText());
        assertEquals("flux-system", spec.path("storageNamespace").asText(), "the chart creates the target namespace itself");
        assertEquals(3, spec.at("/install/remediation/retries").asInt());
        assertEquals("rollback", spec.at("/upgrade/remediation/strategy").asText());
        assertTrue(spec.path("dependsOn").isMissingNode(), "a HelmRelease's dependsOn names only HelmReleases; the Kustomization carries the cluster's");
    }

    @Test
    void everyFluxObjectValidatesAgainstTheStrictCrdSchemas() {
        StrictSchemas schemas = new StrictSchemas();
        schemas.assertValidFiles(render(blog(), shop()), path -> !path.endsWith("kustomization.yaml"));
        // and the schemas are strict: an unknown field is a problem
        JsonNode release = yaml.readAll(render(shop()).get("clusters/eu-staging/shop.yaml")).get(1);
        ((com.fasterxml.jackson.databind.node.ObjectNode) release.path("spec")).put("valuesFile", "values.yaml");
        assertEquals(1, schemas.problems(release).size(), schemas.problems(release).toString());
    }

    @Test
    void aClusterRunningAnUnknownEnvironmentIsAnInternalError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestModels.shop(List.of(TestModels.cluster("eu-qa", "qa", Cluster.Method.KUSTOMIZE))));
        assertTrue(e.getMessage().contains("cluster eu-qa runs environment qa"), e.getMessage());
    }
}
