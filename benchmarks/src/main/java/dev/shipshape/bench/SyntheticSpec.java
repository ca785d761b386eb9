package dev.shipshape.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a synthetic but realistic spec of a chosen size: an online shop made of cells of ten
 * components, each cell a slice of the business (ui, api, worker, admin, search, events, notify,
 * files as web components; db and queue as PostgreSQL databases with backups), with public routes,
 * autoscaling, metrics endpoints, {@code uses} and env references, secrets, and three environments
 * (dev, staging, production) that override routes, replicas, autoscaling, resources and backups.
 * The first cell's tenth component is the application's one Prometheus server instead of a web
 * component, as in the seed applications (one Prometheus per application).
 *
 * <p>Component names are {@code c<cell>-<role>} with the cell zero-padded to three digits, so a
 * spec of 1,000 components has cells {@code c000} to {@code c099}. Each cell's components are the
 * component group {@code cell-<nnn>} (delivered as a Kustomize build and Flux Kustomization of their
 * own); the Prometheus server and everything application-wide stay in the main build.
 */
public final class SyntheticSpec {

    /** Components in one cell; a spec's size must be a multiple of it. */
    public static final int CELL_SIZE = 10;

    /** The environments every synthetic spec declares. */
    public static final String[] ENVIRONMENTS = {"dev", "staging", "production"};

    private static final String DOMAIN = "shop.example.com";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final int components;

    /**
     * @param components the number of components, a positive multiple of {@link #CELL_SIZE}
     * @throws IllegalArgumentException otherwise
     */
    public SyntheticSpec(int components) {
        if (components < CELL_SIZE || components % CELL_SIZE != 0) {
            throw new IllegalArgumentException("a synthetic spec has a positive multiple of " + CELL_SIZE + " components, not " + components);
        }
        this.components = components;
    }

    /** The application name, {@code shop-<components>}. */
    public String name() {
        return "shop-" + components;
    }

    /**
     * Writes the spec as {@code <name>.yaml} into a directory.
     *
     * @param directory an existing directory
     * @return the spec file
     * @throws IOException if the file cannot be written
     */
    public Path writeTo(Path directory) throws IOException {
        Path file = directory.resolve(name() + ".yaml");
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .build());
        yaml.writeValue(file.toFile(), tree());
        return file;
    }

    /** The spec as a tree, in the order a person would write it. */
    public ObjectNode tree() {
        ObjectNode root = JSON.objectNode();
        root.put("apiVersion", "shipshape.dev/v1alpha1");
        root.put("kind", "Application");
        ObjectNode metadata = root.putObject("metadata");
        metadata.put("name", name());
        metadata.put("version", "3.2.1");
        metadata.put("description", "synthetic shop of " + components + " components for the shipshape benchmarks");

        ObjectNode spec = root.putObject("spec");
        spec.putObject("tls").put("email", "ops@" + DOMAIN);
        spec.putObject("monitoring").put("namespace", "monitoring");
        ObjectNode secrets = spec.putObject("secrets");
        secrets.putObject("backup-credentials").put("existing", "shop-backup-s3");
        ObjectNode componentsNode = spec.putObject("components");
        ObjectNode environments = spec.putObject("environments");
        for (String environment : ENVIRONMENTS) {
            environments.putObject(environment).putObject("components");
        }
        ((ObjectNode) environments.get("dev")).putObject("tls").put("issuer", "selfsigned");
        for (int cell = 0; cell < components / CELL_SIZE; cell++) {
            addCell(String.format("c%03d", cell), cell, secrets, componentsNode, environments);
        }
        spec.putObject("delivery").put("repository", "https://github.com/shop/gitops");
        ArrayNode clusters = spec.putArray("clusters");
        cluster(clusters, "shop-dev", "dev", "local");
        cluster(clusters, "shop-staging", "staging", "europe-west1");
        // one cluster per environment: a second production cluster would run databases of its own
        // and need backup destinations of its own (spec.clusters[].overrides), a fourth view
        cluster(clusters, "shop-production-eu", "production", "europe-west1");
        return root;
    }

    private static void addCell(String cell, int index, ObjectNode secrets, ObjectNode components, ObjectNode environments) {
        String host = cell + "." + DOMAIN;
        String db = cell + "-db";
        String queue = cell + "-queue";
        String api = cell + "-api";
        String events = cell + "-events";

        ObjectNode dbCredentials = secrets.putObject(db + "-credentials").putObject("externalSecret");
        dbCredentials.put("store", "vault");
        dbCredentials.put("storeKind", "ClusterSecretStore");
        dbCredentials.putObject("data").put("username", "shop/" + cell + "/db/username").put("password", "shop/" + cell + "/db/password");
        secrets.putObject(queue + "-credentials").put("existing", "shop-" + queue + "-credentials");

        ObjectNode ui = web(components, cell + "-ui", "ui", index, 8080);
        route(ui, host, null);
        autoscaling(ui, 2, 6, 70);
        ui.putObject("health").put("readiness", "/ready").put("liveness", "/live");
        ui.putObject("env").put("API_URL", "${" + api + ".url}").put("LOG_LEVEL", "info");
        uses(ui, api);

        ObjectNode apiNode = web(components, api, "api", index, 8443);
        route(apiNode, host, "/api");
        autoscaling(apiNode, 2, 10, 60);
        apiNode.putObject("metrics").put("port", 9100);
        apiNode.putObject("resources").put("cpu", "250m").put("memory", "256Mi").put("memoryLimit", "512Mi");
        ObjectNode apiEnv = apiNode.putObject("env");
        apiEnv.put("DATABASE_URL", "${" + db + ".url}");
        apiEnv.put("EVENTS_URL", "${" + events + ".url}");
        apiEnv.put("METRICS_URL", "${metrics.url}");
        secretEnv(apiEnv, "PGUSER", db + "-credentials", "username");
        secretEnv(apiEnv, "PGPASSWORD", db + "-credentials", "password");
        uses(apiNode, db, events, "metrics");

        ObjectNode worker = web(components, cell + "-worker", "worker", index, 8080);
        worker.put("replicas", 2);
        ObjectNode workerEnv = worker.putObject("env");
        workerEnv.put("DATABASE_URL", "${" + db + ".url}");
        workerEnv.put("QUEUE_HOST", "${" + queue + ".host}");
        workerEnv.put("QUEUE_PORT", "${" + queue + ".port}");
        secretEnv(workerEnv, "PGUSER", db + "-credentials", "username");
        secretEnv(workerEnv, "PGPASSWORD", db + "-credentials", "password");
        uses(worker, db, queue);

        ObjectNode admin = web(components, cell + "-admin", "admin", index, 8080);
        route(admin, "admin." + host, null).putArray("sourceRanges").add("203.0.113.0/24");
        admin.put("replicas", 1);
        admin.putObject("env").put("API_URL", "${" + api + ".url}");
        uses(admin, api);

        ObjectNode search = web(components, cell + "-search", "search", index, 9200);
        autoscaling(search, 2, 4, 80);
        search.putObject("metrics").put("path", "/_prometheus/metrics");
        search.putObject("env").put("DATABASE_URL", "${" + db + ".url}");
        uses(search, db);

        ObjectNode eventsNode = web(components, events, "events", index, 8080);
        eventsNode.put("replicas", 3);
        eventsNode.putObject("metrics");
        eventsNode.putObject("env").put("QUEUE_URL", "${" + queue + ".url}");
        uses(eventsNode, queue);

        ObjectNode notify = web(components, cell + "-notify", "notify", index, 8080);
        notify.put("replicas", 2);
        notify.putObject("env").put("EVENTS_URL", "${" + events + ".url}").put("SMTP_HOST", "smtp.example.com");
        uses(notify, events);

        postgres(components, db, "16.4", "20Gi", "15 2 * * *", "s3://shop-backups/" + cell + "/db");
        postgres(components, queue, "15", "5Gi", "45 2 * * *", "s3://shop-backups/" + cell + "/queue");

        if (index == 0) {
            ObjectNode metrics = components.putObject("metrics");
            metrics.put("type", "prometheus");
            metrics.put("retention", "7d");
            metrics.put("storage", "20Gi");
        } else {
            ObjectNode files = web(components, cell + "-files", "files", index, 8080);
            route(files, "files." + host, null);
            autoscaling(files, 2, 8, 75);
            uses(files, api);
        }

        // each cell is a component group: its own Kustomize build and Flux Kustomization
        components.properties().stream().filter(c -> c.getKey().startsWith(cell + "-"))
                .forEach(c -> ((ObjectNode) c.getValue()).put("group", group(cell)));
        overrides(environments, cell, host);
    }

    /** The component group of a cell: {@code cell-<nnn>}. */
    static String group(String cell) {
        return "cell-" + cell.substring(1);
    }

    /** dev: small, no autoscaling for the ui, no notifications; staging: own hosts; production: larger api. */
    private static void overrides(ObjectNode environments, String cell, String host) {
        ObjectNode dev = (ObjectNode) environments.get("dev").get("components");
        ObjectNode devUi = dev.putObject(cell + "-ui");
        devUi.putNull("autoscaling");
        devUi.put("replicas", 1);
        devUi.putObject("route").put("host", cell + ".dev." + DOMAIN);
        ObjectNode devApi = dev.putObject(cell + "-api");
        devApi.putObject("autoscaling").put("minReplicas", 1).put("maxReplicas", 2);
        devApi.putObject("route").put("host", cell + ".dev." + DOMAIN);
        devApi.putObject("env").put("LOG_LEVEL", "debug");
        dev.putObject(cell + "-admin").putObject("route").put("host", "admin." + cell + ".dev." + DOMAIN).putNull("sourceRanges");
        dev.putNull(cell + "-notify");
        devDatabase(dev, cell + "-db", cell);
        devDatabase(dev, cell + "-queue", cell);

        ObjectNode staging = (ObjectNode) environments.get("staging").get("components");
        staging.putObject(cell + "-ui").putObject("route").put("host", cell + ".staging." + DOMAIN);
        staging.putObject(cell + "-api").putObject("route").put("host", cell + ".staging." + DOMAIN);
        staging.putObject(cell + "-admin").putObject("route").put("host", "admin." + cell + ".staging." + DOMAIN);
        staging.putObject(cell + "-worker").put("replicas", 1);
        staging.putObject(cell + "-db").putObject("backup").put("destination", "s3://shop-backups-staging/" + cell + "/db");

        ObjectNode production = (ObjectNode) environments.get("production").get("components");
        production.putObject(cell + "-api").putObject("resources").put("cpu", "500m").put("memory", "512Mi").put("memoryLimit", "1Gi");
        production.putObject(cell + "-ui").putObject("autoscaling").put("maxReplicas", 12);
    }

    private static void devDatabase(ObjectNode dev, String name, String cell) {
        ObjectNode database = dev.putObject(name);
        database.put("storage", "1Gi");
        database.putObject("backup").put("destination", "s3://shop-backups-dev/" + cell + "/" + name.substring(cell.length() + 1));
    }

    private static ObjectNode web(ObjectNode components, String name, String role, int cell, int port) {
        ObjectNode web = components.putObject(name);
        web.put("type", "web");
        web.put("image", "registry.example.com/shop/" + role + ":3.2." + cell);
        web.put("port", port);
        return web;
    }

    private static ObjectNode route(ObjectNode web, String host, String path) {
        ObjectNode route = web.putObject("route");
        route.put("host", host);
        if (path != null) {
            route.put("path", path);
        }
        return route;
    }

    private static void autoscaling(ObjectNode web, int min, int max, int cpu) {
        web.putObject("autoscaling").put("minReplicas", min).put("maxReplicas", max).put("targetCPUUtilization", cpu);
    }

    private static void secretEnv(ObjectNode env, String name, String secret, String key) {
        env.putObject(name).put("secret", secret).put("key", key);
    }

    private static void uses(ObjectNode web, String... used) {
        ArrayNode uses = web.putArray("uses");
        for (String name : used) {
            uses.add(name);
        }
    }

    private static void postgres(ObjectNode components, String name, String version, String storage, String schedule, String destination) {
        ObjectNode db = components.putObject(name);
        db.put("type", "postgres");
        db.put("version", version);
        db.put("database", name.replace('-', '_'));
        db.put("credentials", name + "-credentials");
        db.put("storage", storage);
        ObjectNode backup = db.putObject("backup");
        backup.put("schedule", schedule);
        backup.put("retentionDays", 14);
        backup.put("destination", destination);
        backup.put("credentials", "backup-credentials");
    }

    private static void cluster(ArrayNode clusters, String name, String environment, String region) {
        clusters.addObject().put("name", name).put("environment", environment).put("region", region);
    }
}
