package dev.shipshape.render.docs;

import dev.shipshape.testing.InlineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runbook says what the output really holds: a namespaced Issuer, and no {@code null} for a cluster without region. */
class RunbookWordingTest {

    private static final InlineSpec SHOP = InlineSpec.application("shop");

    @TempDir
    Path dir;

    @Test
    void namesTheNamespacedIssuerAndAClusterWithoutRegion() throws Exception {
        String runbook = SHOP.compile(dir, """
                tls: {email: ops@example.com}
                components:
                  web: {type: web, image: ghcr.io/shop/web:1.0.0, port: 8080, route: {host: shop.example.com}}
                environments:
                  production: {}
                delivery: {repository: https://github.com/example/gitops}
                clusters:
                  - {name: prod, environment: production}
                """).output().files().get("shop/RUNBOOK.md");
        assertTrue(runbook.contains("| production | `letsencrypt-production` |"), runbook);
        assertTrue(runbook.contains("| `prod` | cert-manager | `https://charts.jetstack.io cert-manager` | `v1.19.1` | `cert-manager` |"), runbook);
        assertTrue(runbook.contains("`prod` (no region, Kustomization)"), runbook);
        assertFalse(runbook.contains("null"), runbook);
        assertFalse(runbook.contains("ClusterIssuer `letsencrypt"), runbook);
    }

    /** The component table states each environment's facts where they differ, not the base's for all. */
    @Test
    void theComponentTableNamesEachEnvironmentsReplicasAndHostsWhereTheyDiffer() throws Exception {
        String runbook = SHOP.compile(dir, """
                tls: {email: ops@example.com}
                components:
                  web: {type: web, image: ghcr.io/shop/web:1.0.0, port: 8080, replicas: 3, route: {host: shop.example.com}}
                  api: {type: web, image: ghcr.io/shop/api:1.0.0, port: 8081, replicas: 2}
                environments:
                  dev:
                    components: {web: {replicas: 1, route: {host: dev.shop.example.com}}}
                  production: {}
                  staging: {}
                """).output().files().get("shop/RUNBOOK.md");
        assertTrue(runbook.contains("| `web` | web | Deployment `web` | 8080 | dev: https://dev.shop.example.com/; production, staging: "
                + "https://shop.example.com/ | dev: 1 replica; production, staging: 3 replicas |"), runbook);
        assertTrue(runbook.contains("| `api` | web | Deployment `api` | 8081 | internal | 2 replicas |"), "the same everywhere: stated once\n" + runbook);
    }
}
