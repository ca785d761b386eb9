package dev.shipshape.spec;

import dev.shipshape.kind.prometheus.PrometheusComponent;
import dev.shipshape.kind.postgres.PostgresComponent;
import dev.shipshape.kind.web.WebComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The repository's example spec loads, with the documented defaults and the staging overrides applied. */
class AcmeSpecTest {

    private static ApplicationSpec spec;

    @BeforeAll
    static void load() throws SpecException {
        spec = new SpecLoader().load(RepositoryRoot.path().resolve("generator-core/src/test/resources/specs/acme-environments.yaml"));
    }

    @Test
    void readsMetadataAndSortsComponentsAndSecrets() {
        Application acme = spec.defaults();
        assertEquals("acme", acme.name());
        assertEquals("1.4.2", acme.version());
        assertNull(acme.environment());
        assertEquals(List.of("api", "db", "metrics", "ui"), acme.components().stream().map(Component::name).toList());
        assertEquals(List.of("backup-credentials", "db-credentials"), List.copyOf(acme.secrets().keySet()));
        assertEquals("acme-backup-credentials", acme.secrets().get("backup-credentials").secretName());
        SecretSource.ExternalSecretSource db = acme.secrets().get("db-credentials").externalSecret();
        assertEquals("acme-vault", db.store());
        assertEquals("SecretStore", db.storeKind());
        assertEquals(List.of("password", "username"), List.copyOf(db.data().keySet()));
        assertEquals(new Location(acme.location().file(), 6, 9), acme.location());
    }

    @Test
    void appliesDefaults() {
        Application acme = spec.defaults();
        assertEquals(new Tls("letsencrypt-production", "ops@acme.com", true), acme.tls());
        assertEquals(new IngressController("nginx", "ingress-nginx"), acme.ingress());
        assertNull(acme.monitoring());

        WebComponent ui = (WebComponent) acme.component("ui").orElseThrow();
        assertEquals(new ImageReference("acme/ui", "1.4.2", null), ui.image());
        assertEquals(new Route("www.acme.com", "/", List.of()), ui.routes().get(0));
        assertEquals(new Resources("100m", "128Mi", null, "128Mi"), ui.resources());
        assertEquals(new Autoscaling(2, 6, 70), ui.autoscaling());
        assertNull(ui.metrics());

        WebComponent api = (WebComponent) acme.component("api").orElseThrow();
        assertEquals(new Route("api.acme.com", "/", List.of()), api.routes().get(0));
        assertEquals(List.of("/ready", "/live"), List.of(api.probes().readiness().path(), api.probes().liveness().path()));
        assertEquals(new Metrics(9100, "/metrics"), api.metrics());
        assertEquals(List.of("POSTGRES_URL", "METRICS_URL", "DB_USER", "DB_PASSWORD"), api.env().stream().map(EnvVar::name).toList());
        assertEquals(new SecretKeyReference("db-credentials", "password"), api.env().get(3).secret());
        assertEquals("${db.url}", api.env().get(0).value());

        PostgresComponent db = assertInstanceOf(PostgresComponent.class, acme.component("db").orElseThrow());
        assertEquals(new ImageReference("docker.io/library/postgres", "16.4", null), db.image());
        assertEquals("acme", db.database());
        assertEquals("20Gi", db.storage());
        assertEquals(new Resources("500m", "1Gi", null, "1Gi"), db.resources());
        assertEquals(new Backup("15 2 * * *", 14, "s3://acme-backups/postgres", "backup-credentials", "30 4 * * 0"), db.backup());
        assertNull(db.external());
        assertEquals(5432, db.port());

        PrometheusComponent metrics = assertInstanceOf(PrometheusComponent.class, acme.component("metrics").orElseThrow());
        assertEquals(new ImageReference("quay.io/prometheus/prometheus", "v3.1.0", null), metrics.image());
        assertEquals(80, metrics.port());
        assertEquals("30s", metrics.scrapeInterval());
        assertEquals(new Resources("200m", "1Gi", null, "1Gi"), metrics.resources());
    }

    @Test
    void appliesStagingOverrides() {
        Application staging = spec.environments().get("staging");
        assertEquals("staging", staging.environment());
        assertEquals(new Tls("letsencrypt-staging", "ops@acme.com", true), staging.tls());
        WebComponent ui = (WebComponent) staging.component("ui").orElseThrow();
        assertEquals(new Route("www.staging.acme.com", "/", List.of()), ui.routes().get(0));
        assertEquals(new Autoscaling(2, 3, 70), ui.autoscaling());
        assertEquals("5Gi", ((PostgresComponent) staging.component("db").orElseThrow()).storage());
        assertEquals(14, ((PostgresComponent) staging.component("db").orElseThrow()).backup().retentionDays());
    }

    @Test
    void productionEqualsTheDefaultsExceptForItsNameAndItsBackupPrefix() {
        Application production = spec.environments().get("production");
        assertEquals(List.of("production", "staging"), List.copyOf(spec.environments().keySet()));
        PostgresComponent db = (PostgresComponent) production.component("db").orElseThrow();
        PostgresComponent base = (PostgresComponent) spec.defaults().component("db").orElseThrow();
        assertEquals(base.backup().destination() + "/production", db.backup().destination());
        assertEquals(spec.defaults().components().stream().filter(c -> !c.name().equals("db")).toList(),
                production.components().stream().filter(c -> !c.name().equals("db")).toList());
        assertEquals(spec.defaults().tls(), production.tls());
    }

    @Test
    void readsDeliveryAndClusters() {
        assertEquals(new Delivery("https://github.com/acme/gitops", "main", "output", "5m"), spec.delivery());
        assertEquals(List.of("acme-staging", "acme-production"), spec.clusters().stream().map(Cluster::name).toList());
        Cluster staging = spec.clusters().get(0);
        assertEquals("staging", staging.environment());
        assertEquals(Cluster.Method.KUSTOMIZE, staging.method());
        assertEquals(List.of(), staging.dependsOn());
        assertEquals(List.of(), spec.exemptions());
        assertEquals(Path.of("acme-environments.yaml"), spec.file().getFileName());
    }
}
