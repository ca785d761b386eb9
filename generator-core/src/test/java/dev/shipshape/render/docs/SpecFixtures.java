package dev.shipshape.render.docs;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Delivery;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.kind.postgres.ExternalDatabase;
import dev.shipshape.kind.web.Health;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.IngressController;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Metrics;
import dev.shipshape.kind.postgres.PostgresComponent;
import dev.shipshape.kind.prometheus.PrometheusComponent;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.SecretKeyReference;
import dev.shipshape.spec.SecretSource;
import dev.shipshape.spec.Tls;
import dev.shipshape.kind.web.WebComponent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Specs built from the records, shaped like specs/acme.yaml, for renderer tests. */
final class SpecFixtures {

    static final Path FILE = Path.of("/home/someone/project/specs/acme.yaml");
    static final Location AT = new Location(FILE, 1, 1);
    static final Tls PRODUCTION_TLS = new Tls("letsencrypt-production", "ops@acme.com", true);
    static final IngressController NGINX = new IngressController("nginx", "ingress-nginx");
    static final Backup DAILY = new Backup("15 2 * * *", 14, "s3://acme-backups/postgres", "backup-credentials", "30 4 * * 0");

    private SpecFixtures() {
    }

    static WebComponent ui(String host) {
        return new WebComponent("ui", new ImageReference("acme/ui", "1.4.2", null), 80,
                new Route(host, "/", List.of()), new Health("/healthz", "/healthz"),
                new Resources("100m", "128Mi", null, "128Mi"), 2, new Autoscaling(2, 6, 50), null,
                List.of(), List.of("api"), List.of(), List.of(), AT);
    }

    static WebComponent api(String host) {
        return new WebComponent("api", new ImageReference("acme/api", "1.4.2", null), 443,
                new Route(host, "/", List.of()), new Health("/healthz", "/healthz"),
                new Resources("100m", "128Mi", null, "128Mi"), 3, null, new Metrics(9100, "/metrics"),
                List.of(new EnvVar("POSTGRES_URL", "${db.url}", null, AT),
                        new EnvVar("PGPASSWORD", null, new SecretKeyReference("db-credentials", "password"), AT)),
                List.of("db", "metrics"), List.of(), List.of(), AT);
    }

    static PostgresComponent db(Backup backup) {
        return new PostgresComponent("db", new ImageReference("docker.io/library/postgres", "16.4", null), "acme",
                "db-credentials", "10Gi", null, new Resources("250m", "512Mi", null, "512Mi"), null, backup, AT);
    }

    static PostgresComponent cloudSql(Backup backup) {
        return new PostgresComponent("db", new ImageReference("docker.io/library/postgres", "16.4", null), "acme",
                "db-credentials", "10Gi", null, new Resources("250m", "512Mi", null, "512Mi"),
                new ExternalDatabase("10.64.0.3", 5432, "10.64.0.0/20"), backup, AT);
    }

    static PrometheusComponent metrics() {
        return new PrometheusComponent("metrics", new ImageReference("quay.io/prometheus/prometheus", "v3.1.0", null),
                80, "15d", "10Gi", "30s", new Resources("200m", "512Mi", null, "512Mi"), AT);
    }

    static Map<String, SecretSource> secrets() {
        SortedMap<String, SecretSource> secrets = new TreeMap<>();
        secrets.put("backup-credentials", new SecretSource("backup-credentials", "acme-backup-s3", null, AT));
        secrets.put("db-credentials", new SecretSource("db-credentials", null,
                new SecretSource.ExternalSecretSource("aws-secrets-manager", "ClusterSecretStore",
                        new TreeMap<>(Map.of("password", "acme/db/password", "username", "acme/db/username"))), AT));
        return secrets;
    }

    static Application application(String environment, String description, Tls tls, List<Component> components) {
        return new Application("acme", "1.4.2", description, environment, tls, NGINX, null, secrets(),
                components, AT);
    }

    /** The acme application: staging and production, one cluster each, in-cluster database. */
    static ApplicationSpec acme() {
        Application defaults = application(null, "acme shop & API <beta>", PRODUCTION_TLS,
                List.of(api("api.acme.com"), db(DAILY), metrics(), ui("www.acme.com")));
        SortedMap<String, Application> environments = new TreeMap<>();
        environments.put("production", defaults);
        environments.put("staging", application("staging", defaults.description(),
                new Tls("letsencrypt-staging", "ops@acme.com", true),
                List.of(api("api.staging.acme.com"),
                        db(new Backup("15 2 * * *", 14, "s3://acme-backups/staging/postgres", "backup-credentials",
                                "30 4 * * 0")),
                        metrics(), ui("www.staging.acme.com"))));
        return new ApplicationSpec(FILE, defaults, environments,
                new Delivery("https://github.com/acme/gitops", "main", "output", "5m"),
                List.of(new Cluster("acme-staging", "staging", "us-east-1", Cluster.Method.KUSTOMIZE, List.of(), AT),
                        new Cluster("acme-production", "production", "us-east-1", Cluster.Method.KUSTOMIZE, List.of(),
                                AT)),
                List.of());
    }

    /** Production on two regional clusters through Helm, with the database outside the clusters. */
    static ApplicationSpec twoRegions(PostgresComponent database) {
        Application defaults = application(null, "acme in two regions", new Tls("letsencrypt", null, true),
                List.of(api("api.acme.com"), database));
        SortedMap<String, Application> environments = new TreeMap<>();
        environments.put("production", defaults);
        return new ApplicationSpec(FILE, defaults, environments,
                new Delivery("ssh://git@github.com/acme/infra", "main", "./kubernetes/", "10m"),
                List.of(new Cluster("acme-europe-west9", "production", "europe-west9", Cluster.Method.HELM,
                                List.of("kube-network", "kube-security"), AT),
                        new Cluster("acme-us-east1", "production", "us-east1", Cluster.Method.HELM,
                                List.of("kube-network", "kube-security"), AT)),
                List.of());
    }
}
