package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Delivery;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.kind.postgres.ExternalDatabase;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.IngressController;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Metrics;
import dev.shipshape.spec.Monitoring;
import dev.shipshape.kind.postgres.PostgresComponent;
import dev.shipshape.kind.prometheus.PrometheusComponent;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.SecretKeyReference;
import dev.shipshape.spec.SecretSource;
import dev.shipshape.spec.Tls;
import dev.shipshape.kind.web.WebComponent;
import dev.shipshape.testing.WebComponents;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The acme application of {@code specs/acme.yaml} (seeds 001 and 002) built directly from the
 * spec records, with its staging and production environments, plus variants for the other
 * seeds' shapes (external database, fixed replicas, an existing ClusterIssuer).
 */
final class AcmeSpec {

    static final Path FILE = Path.of("specs/acme.yaml");
    static final Location APP = at(5, 3);
    static final Location UI = at(29, 5);
    static final Location API = at(47, 5);
    static final Location DB = at(76, 5);
    static final Location METRICS = at(91, 5);
    static final Location DB_CREDENTIALS = at(19, 5);
    static final Location BACKUP_CREDENTIALS = at(25, 5);

    private AcmeSpec() {
    }

    static Location at(int line, int column) {
        return new Location(FILE, line, column);
    }

    static WebComponent ui(String host, Autoscaling autoscaling) {
        return WebComponents.http("ui", new ImageReference("acme/ui", "1.4.2", null), 8080,
                new Route(host, "/", List.of()), "/healthz", "/healthz",
                new Resources("100m", "128Mi", null, null), 2, autoscaling, null, List.of(), List.of("api"), UI);
    }

    static WebComponent api(String host, Autoscaling autoscaling) {
        List<EnvVar> env = List.of(
                new EnvVar("POSTGRES_URL", "${db.url}", null, at(66, 9)),
                new EnvVar("METRICS_URL", "${metrics.url}", null, at(67, 9)),
                new EnvVar("DB_USER", null, new SecretKeyReference("db-credentials", "username"), at(68, 9)),
                new EnvVar("DB_PASSWORD", null, new SecretKeyReference("db-credentials", "password"), at(71, 9)));
        return WebComponents.http("api", new ImageReference("acme/api", "1.4.2", null), 8443,
                new Route(host, "/", List.of()), "/ready", "/live",
                new Resources("250m", "512Mi", null, null), 2, autoscaling, new Metrics(9100, "/metrics"), env,
                List.of("db", "metrics"), API);
    }

    static PostgresComponent db(String storage) {
        return new PostgresComponent("db", new ImageReference("postgres", "16.4", null), "acme", "db-credentials",
                storage, null, new Resources("500m", "1Gi", null, null), null,
                new Backup("15 2 * * *", 14, "s3://acme-backups/postgres", "backup-credentials", "0 4 * * 0"), 16, null, DB);
    }

    static PrometheusComponent metrics() {
        return new PrometheusComponent("metrics", new ImageReference("quay.io/prometheus/prometheus", "v3.1.0", null),
                80, "15d", "10Gi", "30s", new Resources("200m", "1Gi", null, null), METRICS);
    }

    static SortedMap<String, SecretSource> secrets() {
        SortedMap<String, SecretSource> secrets = new TreeMap<>();
        secrets.put("backup-credentials", new SecretSource("backup-credentials", "acme-backup-credentials", null,
                BACKUP_CREDENTIALS));
        secrets.put("db-credentials", new SecretSource("db-credentials", null,
                new SecretSource.ExternalSecretSource("acme-vault", null,
                        new TreeMap<>(Map.of("username", "acme/db/username", "password", "acme/db/password"))),
                DB_CREDENTIALS));
        return secrets;
    }

    static Application application(String environment, String issuer, List<Component> components) {
        List<Component> sorted = new ArrayList<>(components);
        sorted.sort((a, b) -> a.name().compareTo(b.name()));
        return new Application("acme", "1.4.2", "acme web shop", environment,
                new Tls(issuer, "ops@acme.com", true), new IngressController("nginx", "ingress-nginx"),
                new Monitoring("monitoring"), secrets(), List.copyOf(sorted), APP);
    }

    static Application defaults() {
        return application(null, "letsencrypt-production", List.of(
                ui("www.acme.com", new Autoscaling(2, 6, 70)),
                api("api.acme.com", new Autoscaling(2, 10, 70)),
                db("20Gi"), metrics()));
    }

    static Application staging() {
        return application("staging", "letsencrypt-staging", List.of(
                ui("www.staging.acme.com", new Autoscaling(2, 3, 70)),
                api("api.staging.acme.com", new Autoscaling(2, 3, 70)),
                db("5Gi"), metrics()));
    }

    /** The acme spec: defaults, staging with overrides, production as the defaults. */
    static ApplicationSpec spec() {
        return spec(UnaryOperator.identity());
    }

    /** The acme spec with every view transformed (for variants). */
    static ApplicationSpec spec(UnaryOperator<Application> change) {
        Application defaults = change.apply(defaults());
        SortedMap<String, Application> environments = new TreeMap<>();
        environments.put("production", change.apply(withEnvironment(defaults(), "production")));
        environments.put("staging", change.apply(staging()));
        return new ApplicationSpec(FILE, defaults, environments,
                new Delivery("https://github.com/acme/gitops", "main", "output", "5m"),
                List.of(new Cluster("acme-staging", "staging", "us-east-1", Cluster.Method.KUSTOMIZE, List.of(), at(120, 7)),
                        new Cluster("acme-production", "production", "us-east-1", Cluster.Method.KUSTOMIZE, List.of(),
                                at(123, 7))),
                List.of());
    }

    static Application withEnvironment(Application app, String environment) {
        return new Application(app.name(), app.version(), app.description(), environment, app.tls(), app.ingress(),
                app.monitoring(), app.secrets(), app.components(), app.location());
    }

    static Application withComponents(Application app, UnaryOperator<Component> change) {
        return new Application(app.name(), app.version(), app.description(), app.environment(), app.tls(), app.ingress(),
                app.monitoring(), app.secrets(), app.components().stream().map(change).toList(), app.location());
    }

    static Application withTls(Application app, Tls tls) {
        return new Application(app.name(), app.version(), app.description(), app.environment(), tls, app.ingress(),
                app.monitoring(), app.secrets(), app.components(), app.location());
    }

    /** Seed 000's shape: the database is a managed Cloud SQL server reached by private IP. */
    static Application externalDatabase(Application app) {
        return withComponents(app, c -> c instanceof PostgresComponent db
                ? new PostgresComponent(db.name(), db.image(), db.database(), db.credentials(), null, null, db.resources(),
                        new ExternalDatabase("10.20.0.5", 5432, "10.20.0.0/24"), db.backup(), db.majorVersion(), null, db.location())
                : c);
    }

    /** Fixed replica counts instead of autoscaling: ui runs one replica, api three, and api's route has an allow list. */
    static Application fixedReplicas(Application app) {
        return withComponents(app, c -> {
            if (c instanceof WebComponent web) {
                Route route = web.name().equals("api")
                        ? new Route(web.routes().get(0).host(), "/v1", List.of("203.0.113.0/24", "198.51.100.7/32"))
                        : web.routes().get(0);
                return new WebComponent(web.name(), web.pod(), web.ports(), List.of(route), web.probes(),
                        new Resources(web.resources().cpu(), web.resources().memory(), "1", "1Gi"),
                        web.name().equals("ui") ? 1 : 3, null, web.metrics(), web.env(), web.uses(), web.egress(), web.envFromSecrets(), web.location());
            }
            return c;
        });
    }
}
