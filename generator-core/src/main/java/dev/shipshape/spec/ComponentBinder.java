package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map.Entry;

import static dev.shipshape.spec.TreeValues.integer;
import static dev.shipshape.spec.TreeValues.present;
import static dev.shipshape.spec.TreeValues.text;
import static dev.shipshape.spec.TreeValues.texts;

/**
 * Binds one validated {@code spec.components.<name>} entry to its record and applies the defaults
 * the spec schema documents (each default is the schema's {@code default} or named in its description).
 */
final class ComponentBinder {

    /** Web replica count without autoscaling: two, so one pod can drain while the other serves (Polaris, kube-score). */
    static final int DEFAULT_REPLICAS = 2;
    /** The autoscaling/v1 default CPU utilization target, percent. */
    static final int DEFAULT_TARGET_CPU_UTILIZATION = 80;
    /** The default health path (Kubernetes components' own convention). */
    static final String DEFAULT_HEALTH_PATH = "/healthz";
    /** The default PostgreSQL major version. */
    static final String DEFAULT_POSTGRES_VERSION = "16";
    /** The Docker Official Image of PostgreSQL; the tag is the version. */
    static final String POSTGRES_IMAGE = "docker.io/library/postgres";
    /** The default Prometheus image, pinned. */
    static final String DEFAULT_PROMETHEUS_IMAGE = "quay.io/prometheus/prometheus:v3.1.0";
    /** The default PersistentVolumeClaim size of databases and Prometheus. */
    static final String DEFAULT_STORAGE = "10Gi";
    /** The default restore drill: Sundays 04:30 UTC, after the nightly backups. */
    static final String DEFAULT_DRILL_SCHEDULE = "30 4 * * 0";

    private final String applicationName;
    private final SourceMap sourceMap;

    /**
     * @param applicationName {@code metadata.name}, the default database name
     * @param sourceMap       positions of the tree the components come from
     */
    ComponentBinder(String applicationName, SourceMap sourceMap) {
        this.applicationName = applicationName;
        this.sourceMap = sourceMap;
    }

    /**
     * @param name the component name
     * @param node the validated component
     * @return the component with defaults applied
     */
    Component bind(String name, JsonNode node) {
        String pointer = JsonPointers.child("/spec/components", name);
        Location location = sourceMap.keyLocation(pointer);
        return switch (node.path("type").asText()) {
            case "web" -> web(name, node, pointer, location);
            case "postgres" -> postgres(name, node, location);
            case "prometheus" -> prometheus(name, node, location);
            default -> throw new IllegalArgumentException("component type not validated: " + node.path("type"));
        };
    }

    private WebComponent web(String name, JsonNode node, String pointer, Location location) {
        int port = node.path("port").intValue();
        JsonNode route = node.path("route");
        JsonNode health = node.path("health");
        JsonNode scaling = node.path("autoscaling");
        Autoscaling autoscaling = present(node, "autoscaling")
                ? new Autoscaling(integer(scaling, "minReplicas", DEFAULT_REPLICAS), integer(scaling, "maxReplicas", DEFAULT_REPLICAS),
                        integer(scaling, "targetCPUUtilization", DEFAULT_TARGET_CPU_UTILIZATION))
                : null;
        JsonNode metrics = node.path("metrics");
        return new WebComponent(
                name,
                ImageReferences.parse(node.path("image").asText()),
                port,
                present(node, "route") ? new Route(route.path("host").asText(), text(route, "path", "/"), texts(route, "sourceRanges")) : null,
                new Health(text(health, "readiness", DEFAULT_HEALTH_PATH), text(health, "liveness", DEFAULT_HEALTH_PATH)),
                resources(node, "100m", "128Mi"),
                autoscaling != null ? autoscaling.minReplicas() : integer(node, "replicas", DEFAULT_REPLICAS),
                autoscaling,
                present(node, "metrics") ? new Metrics(integer(metrics, "port", port), text(metrics, "path", "/metrics")) : null,
                env(node.path("env"), JsonPointers.child(pointer, "env")),
                texts(node, "uses"),
                location);
    }

    private List<EnvVar> env(JsonNode env, String pointer) {
        List<EnvVar> vars = new ArrayList<>();
        for (Iterator<Entry<String, JsonNode>> it = env.fields(); it.hasNext(); ) {
            Entry<String, JsonNode> var = it.next();
            Location at = sourceMap.keyLocation(JsonPointers.child(pointer, var.getKey()));
            JsonNode value = var.getValue();
            vars.add(value.isObject()
                    ? new EnvVar(var.getKey(), null, new SecretKeyReference(value.path("secret").asText(), value.path("key").asText()), at)
                    : new EnvVar(var.getKey(), value.asText(), null, at));
        }
        return List.copyOf(vars);
    }

    private PostgresComponent postgres(String name, JsonNode node, Location location) {
        String version = text(node, "version", DEFAULT_POSTGRES_VERSION);
        JsonNode external = node.path("external");
        JsonNode backup = node.path("backup");
        return new PostgresComponent(
                name,
                ImageReferences.parse(text(node, "image", POSTGRES_IMAGE + ":" + version)),
                text(node, "database", defaultDatabase()),
                node.path("credentials").asText(),
                text(node, "storage", DEFAULT_STORAGE),
                text(node, "storageClass", null),
                resources(node, "250m", "512Mi"),
                present(node, "external")
                        ? new ExternalDatabase(external.path("host").asText(), integer(external, "port", PostgresComponent.DEFAULT_PORT), text(external, "cidr", null))
                        : null,
                present(node, "backup")
                        ? new Backup(backup.path("schedule").asText(), integer(backup, "retentionDays", 7), backup.path("destination").asText(),
                                text(backup, "credentials", null), text(backup, "drillSchedule", DEFAULT_DRILL_SCHEDULE))
                        : null,
                location);
    }

    /** The application name as a PostgreSQL identifier: {@code -} becomes {@code _}. */
    private String defaultDatabase() {
        String database = applicationName.replace('-', '_');
        return Character.isDigit(database.charAt(0)) ? "db_" + database : database;
    }

    private PrometheusComponent prometheus(String name, JsonNode node, Location location) {
        return new PrometheusComponent(
                name,
                ImageReferences.parse(text(node, "image", DEFAULT_PROMETHEUS_IMAGE)),
                integer(node, "port", PrometheusComponent.CONTAINER_PORT),
                text(node, "retention", "15d"),
                text(node, "storage", DEFAULT_STORAGE),
                text(node, "scrapeInterval", "30s"),
                resources(node, "200m", "512Mi"),
                location);
    }

    /** Requests default per component type; the memory limit defaults to the memory request; no CPU limit by default. */
    private static Resources resources(JsonNode component, String cpu, String memory) {
        JsonNode resources = component.path("resources");
        String memoryRequest = text(resources, "memory", memory);
        return new Resources(text(resources, "cpu", cpu), memoryRequest, text(resources, "cpuLimit", null), text(resources, "memoryLimit", memoryRequest));
    }
}
