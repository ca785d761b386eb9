package dev.shipshape.policy;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.spec.Location;
import dev.shipshape.testing.InlineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Findings people can act on: a finding points at the spec field that sets what the rule checks
 * (the {@code image:} line, a sidecar's own entry, an environment's override), and its fix names
 * the case at hand (the image to pin) — or, when the spec leaves the field to its default, which
 * field to add. Before, every finding pointed at the component's key with the rule's fixed sample.
 */
class FindingLocationTest {

    @TempDir
    Path dir;

    /** The shop's database and its backups; the body sets components from line 8. */
    private static final InlineSpec SHOP = InlineSpec.application("shop")
            .existingSecret("db-credentials", "shop-db").existingSecret("backup-credentials", "shop-backup");

    private static final String SPEC = """
            components:
              api:
                type: web
                image: ghcr.io/shop/api:1.2.3
                port: 8080
                uses: [db]
                sidecars:
                  proxy:
                    image: ghcr.io/shop/proxy:0.9.1
              db:
                type: postgres
                credentials: db-credentials
                backup: {schedule: "0 1 * * *", destination: s3://shop-backups/postgres, credentials: backup-credentials}
            environments:
              staging:
                components:
                  api:
                    image: ghcr.io/shop/api:1.3.0-rc.1
              production: {}
            """;

    @Test
    void imageFindingsPointAtTheFieldThatSetsTheImageAndNameTheImageToPin() throws Exception {
        Path spec = SHOP.write(dir, SPEC);
        Compilation compilation = new Shipshape().compile(List.of(spec));
        List<Finding> digest = compilation.policy().findings().stream().filter(f -> f.ruleId().equals("image-digest")).toList();

        Finding production = only(digest, "api", "production");
        assertEquals(new Location(spec, 11, 14), production.location(), "the image: line of the component");
        assertTrue(production.remediation().contains("ghcr.io/shop/api:1.2.3@sha256:<digest>"), production.remediation());

        Finding staging = only(digest, "api", "staging");
        assertEquals(new Location(spec, 25, 18), staging.location(), "staging's own image: line");
        assertTrue(staging.remediation().contains("ghcr.io/shop/api:1.3.0-rc.1@sha256:<digest>"), staging.remediation());

        Finding sidecar = only(digest, "proxy", "production");
        assertEquals(new Location(spec, 16, 18), sidecar.location(), "the sidecar's own image: line");

        Finding uploader = digest.stream().filter(f -> "upload".equals(f.container())).findFirst().orElseThrow();
        assertEquals(new Location(spec, 17, 5), uploader.location(), "the spec does not write backup.uploaderImage: the component's key");
        assertTrue(uploader.remediation().startsWith("Add `backup.uploaderImage` to component db. "), uploader.remediation());
        assertTrue(uploader.remediation().contains("docker.io/rclone/rclone:1.68.2@sha256:<digest>"), uploader.remediation());

        Finding server = digest.stream().filter(f -> "db".equals(f.container())).findFirst().orElseThrow();
        assertTrue(server.remediation().startsWith("Add `image` to component db. "), server.remediation());
    }

    private static Finding only(List<Finding> findings, String container, String environment) {
        List<Finding> matching = findings.stream()
                .filter(f -> container.equals(f.container()) && f.environments().contains(environment)).toList();
        assertEquals(1, matching.size(), () -> "one finding for container " + container + " in " + environment + ": " + matching);
        return matching.get(0);
    }

    /** Spec rules see the clusters that run an environment: one host in two regions with HTTP-01 is a warning at its routes. */
    @Test
    void twoClustersServingOneHostWithHttp01AreAWarningAtTheRoute() throws Exception {
        Path spec = InlineSpec.application("shop").write(dir, """
                tls: {email: ops@example.com}
                components:
                  web:
                    type: web
                    image: ghcr.io/shop/web:1.0.0
                    port: 8080
                    route: {host: shop.example.com}
                environments:
                  production: {}
                delivery: {repository: https://github.com/example/gitops}
                clusters:
                  - {name: shop-europe, environment: production, region: europe-west9}
                  - {name: shop-us, environment: production, region: us-east1}
                """);
        List<Finding> findings = new Shipshape().compile(List.of(spec)).policy().findings().stream()
                .filter(f -> f.ruleId().equals("acme-http01-one-cluster")).toList();
        assertEquals(1, findings.size(), findings.toString());
        assertEquals(Severity.WARNING, findings.get(0).severity());
        assertTrue(findings.get(0).message().contains("the clusters shop-europe, shop-us"), findings.get(0).message());
        assertEquals(new Location(spec, 7, 5), findings.get(0).location(), "the component whose hosts it is");
    }
}
