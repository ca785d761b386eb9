package dev.shipshape.spec;

import dev.shipshape.kind.prometheus.PrometheusComponent;
import dev.shipshape.kind.postgres.PostgresComponent;
import dev.shipshape.kind.web.WebComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading behaviour that a fixture file cannot express: encodings, limits, several files, overrides. */
class SpecLoaderTest {

    private static final SpecLoader LOADER = new SpecLoader();

    private static final String SPEC = """
            apiVersion: shipshape.dev/v1alpha1
            kind: Application
            metadata:
              name: web-shop
              version: 2.0.0
            spec:
              tls:
                email: ops@example.com
              monitoring: {}
              secrets:
                db: { existing: shop-db }
              components:
                web:
                  type: web
                  image: registry.example.com:5000/shop/web:2.0.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
                  port: 8080
                  route: { host: shop.example.com, path: /shop }
                  autoscaling: { maxReplicas: 4 }
                  env:
                    DB_HOST: ${db.host}
                    GREETING: hello
                  uses: [db]
                db:
                  type: postgres
                  credentials: db
                prom:
                  type: prometheus
              environments:
                dev:
                  monitoring: null
                  components:
                    web:
                      autoscaling: null
                      replicas: 1
                      env: { GREETING: null }
              clusters:
                - name: dev-1
                  environment: dev
                  method: helm
                  dependsOn: [infra]
              delivery:
                repository: ssh://git@example.com/shop/gitops
            """;

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void appliesDefaultsAndMergesOverridesWithMergePatchSemantics() throws Exception {
        ApplicationSpec spec = LOADER.load(write("shop.yaml", SPEC));

        Application defaults = spec.defaults();
        assertEquals("monitoring", defaults.monitoring().namespace());
        WebComponent web = (WebComponent) defaults.component("web").orElseThrow();
        assertEquals(new ImageReference("registry.example.com:5000/shop/web", "2.0.0",
                "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"), web.image());
        assertEquals(new Autoscaling(2, 4, 80), web.autoscaling());
        assertEquals(2, web.replicas());
        assertEquals(new Route("shop.example.com", "/shop", List.of()), web.routes().get(0));
        assertEquals(List.of("/healthz", "/healthz"), List.of(web.probes().readiness().path(), web.probes().liveness().path()));
        assertEquals(List.of("DB_HOST", "GREETING"), web.env().stream().map(EnvVar::name).toList());

        PostgresComponent db = (PostgresComponent) defaults.component("db").orElseThrow();
        assertEquals(new ImageReference("docker.io/library/postgres", "16", null), db.image());
        assertEquals("web_shop", db.database());
        assertEquals("10Gi", db.storage());
        assertEquals(new Resources("250m", "512Mi", null, "512Mi"), db.resources());
        assertNull(db.backup());

        PrometheusComponent prom = (PrometheusComponent) defaults.component("prom").orElseThrow();
        assertEquals(9090, prom.port());
        assertEquals("15d", prom.retention());
        assertEquals("10Gi", prom.storage());

        Application dev = spec.environments().get("dev");
        assertNull(dev.monitoring());
        WebComponent devWeb = (WebComponent) dev.component("web").orElseThrow();
        assertNull(devWeb.autoscaling());
        assertEquals(1, devWeb.replicas());
        assertEquals(List.of("DB_HOST"), devWeb.env().stream().map(EnvVar::name).toList());

        Cluster cluster = spec.clusters().get(0);
        assertEquals(Cluster.Method.HELM, cluster.method());
        assertEquals(List.of("infra"), cluster.dependsOn());
        assertEquals(new Delivery("ssh://git@example.com/shop/gitops", "main", "output", "5m"), spec.delivery());
    }

    @Test
    void locationsOfOverriddenValuesPointAtTheOverride() throws Exception {
        String spec = SPEC.replace("      replicas: 1\n", "      replicas: 1\n          env: { API_TOKEN: abc }\n")
                .replace("          env: { GREETING: null }\n", "");
        Path file = write("shop.yaml", spec);
        SpecException e = assertThrows(SpecException.class, () -> LOADER.load(file));
        assertEquals(1, e.problems().size(), e.getMessage());
        SpecProblem problem = e.problems().get(0);
        assertTrue(problem.message().startsWith("Secret literal"), problem.toString());
        int line = spec.lines().toList().indexOf("          env: { API_TOKEN: abc }") + 1;
        assertEquals(new Location(file, line, 29), problem.location());
    }

    @Test
    void reportsTheFirstInvalidUtf8Byte() throws IOException {
        byte[] prefix = "apiVersion: shipshape.dev/v1alpha1\nkind: Application\nmetadata:\n  description: caf".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[prefix.length + 2];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        bytes[prefix.length] = (byte) 0xE9; // Latin-1 'é'
        bytes[prefix.length + 1] = '\n';
        Path file = Files.write(dir.resolve("latin1.yaml"), bytes);

        SpecException e = assertThrows(SpecException.class, () -> LOADER.load(file));
        assertEquals(List.of(new Location(file, 4, 19)), e.problems().stream().map(SpecProblem::location).toList());
        assertTrue(e.getMessage().contains("not valid UTF-8: byte 0xE9"), e.getMessage());
    }

    @Test
    void rejectsFilesAboveTheSizeLimit() throws IOException {
        Path file = write("big.yaml", SPEC);
        SpecLoader small = new SpecLoader(new LoaderLimits(100, 50, 64, 100_000));
        SpecException e = assertThrows(SpecException.class, () -> small.load(file));
        assertTrue(e.getMessage().contains("larger than 100 bytes"), e.getMessage());
    }

    @Test
    void loadAllReportsTheProblemsOfEveryFileAndDuplicateNames() throws IOException {
        Path first = write("a.yaml", SPEC);
        Path second = write("b.yaml", SPEC);
        Path invalid = write("c.yaml", SPEC.replace("name: web-shop", "name: c").replace("port: 8080", "port: 0"));
        Path dangling = write("d.yaml", SPEC.replace("name: web-shop", "name: d").replace("uses: [db]", "uses: [dbx]"));

        SpecException e = assertThrows(SpecException.class, () -> LOADER.loadAll(List.of(first, second, invalid, dangling)));
        List<String> report = e.problems().stream().map(SpecProblem::toString).toList();
        assertEquals(4, report.size(), String.join("\n", report));
        assertTrue(report.get(0).startsWith(second + ":4:9: error: Application `web-shop` is also declared in " + first), report.get(0));
        assertTrue(report.get(1).contains("below the minimum 1"), report.get(1));
        assertTrue(report.get(2).contains("Add `db` to `spec.components.web.uses`"), report.get(2));
        assertTrue(report.get(3).contains("Did you mean `db`?"), report.get(3));
    }

    /** Group `web` of `web-shop` and an application `web-shop-web` on the same cluster would both have Kustomization `web-shop-web`. */
    @Test
    void loadAllRejectsAGroupWhoseKustomizationIsAnotherApplicationsOnTheSameCluster() throws Exception {
        String grouped = SPEC.replace("      port: 8080\n", "      port: 8080\n      group: web\n");
        Path first = write("a.yaml", grouped);
        Path second = write("b.yaml", SPEC.replace("name: web-shop", "name: web-shop-web"));
        SpecException e = assertThrows(SpecException.class, () -> LOADER.loadAll(List.of(first, second)));
        assertEquals(1, e.problems().size(), e.getMessage());
        SpecProblem problem = e.problems().get(0);
        assertEquals(new Location(first, 17, 14), problem.location(), problem.toString());
        assertTrue(problem.message().contains("would both have a Flux Kustomization `web-shop-web`"), problem.toString());
        assertTrue(problem.fix().contains("Rename the group of component `web` of `web-shop`"), problem.toString());
        Path elsewhere = write("c.yaml", SPEC.replace("name: web-shop", "name: web-shop-web").replace("name: dev-1", "name: dev-2"));
        assertEquals(2, LOADER.loadAll(List.of(first, elsewhere)).size(), "on different clusters the names do not meet");
    }

    @Test
    void loadAllReturnsSpecsInTheGivenOrder() throws Exception {
        Path first = write("a.yaml", SPEC);
        Path second = write("b.yaml", SPEC.replace("name: web-shop", "name: other"));
        assertEquals(List.of("web-shop", "other"), LOADER.loadAll(List.of(first, second)).stream().map(ApplicationSpec::name).toList());
    }

    @Test
    void aMissingFileIsAProblemNotACrash() {
        Path file = dir.resolve("missing.yaml");
        SpecException e = assertThrows(SpecException.class, () -> LOADER.load(file));
        assertEquals(Location.of(file), e.problems().get(0).location());
    }
}
