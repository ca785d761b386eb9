package dev.shipshape.kind.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.NetworkPolicies;
import dev.shipshape.model.VolumeClaims;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.ImageReferences;
import dev.shipshape.spec.SpecChecks;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code postgres} kind: a PostgreSQL database, in the cluster (a StatefulSet with a volume,
 * {@link PostgresObjects}) or a managed server outside it, with logical backups to object storage,
 * a suspended restore CronJob and a scheduled restore drill ({@link BackupJobs}), their NetworkPolicy
 * and their age and failure alerts; in the cluster optionally with hot-standby read replicas
 * ({@link StreamingReplication}), their read-only references and replication alerts.
 */
public final class PostgresKind implements ComponentKind<PostgresComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "postgres";
    /** The default PostgreSQL major version. */
    static final String DEFAULT_VERSION = "16";
    /** The Docker Official Image of PostgreSQL; the tag is the version. */
    static final String IMAGE = "docker.io/library/postgres";
    /** The default PersistentVolumeClaim size (bytes, Kubernetes quantity). */
    static final String DEFAULT_STORAGE = "10Gi";
    /** The oldest major version that can run read replicas (PostgreSQL 12 replaced recovery.conf with standby.signal). */
    static final int MIN_REPLICA_VERSION = 12;
    /** The default retention of backups, days. */
    static final int DEFAULT_RETENTION_DAYS = 7;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<PostgresComponent> componentClass() {
        return PostgresComponent.class;
    }

    @Override
    public PostgresComponent bind(ComponentNode node) {
        String version = node.text("version", DEFAULT_VERSION);
        JsonNode external = node.path("external");
        JsonNode backup = node.path("backup");
        return new PostgresComponent(
                node.name(),
                ImageReferences.parse(node.text("image", IMAGE + ":" + version)),
                node.text("database", defaultDatabase(node.applicationName())),
                node.path("credentials").asText(),
                node.text("storage", DEFAULT_STORAGE),
                node.text("storageClass", null),
                node.resources("250m", "512Mi"),
                node.present("external")
                        ? new ExternalDatabase(external.path("host").asText(),
                                ComponentNode.integer(external, "port", PostgresComponent.DEFAULT_PORT), ComponentNode.text(external, "cidr", null))
                        : null,
                node.present("backup")
                        ? new Backup(backup.path("schedule").asText(), ComponentNode.integer(backup, "retentionDays", DEFAULT_RETENTION_DAYS),
                                environmentPrefix(backup.path("destination").asText(), node.environment()),
                                ComponentNode.text(backup, "credentials", null),
                                ComponentNode.text(backup, "drillSchedule", BackupJobs.DEFAULT_DRILL_SCHEDULE),
                                backup.hasNonNull("uploaderImage") ? ImageReferences.parse(backup.path("uploaderImage").asText()) : null,
                                ComponentNode.text(backup.path("scratch"), "size", null),
                                ComponentNode.text(backup.path("scratch"), "storageClass", null))
                        : null,
                majorVersion(version),
                node.present("readReplicas") ? readReplicas(node.path("readReplicas")) : null,
                node.location());
    }

    private static ReadReplicas readReplicas(JsonNode replicas) {
        List<String> networks = ComponentNode.texts(replicas, "podNetworks");
        return new ReadReplicas(
                ComponentNode.integer(replicas, "count", 1),
                ComponentNode.text(replicas, "user", ReadReplicas.DEFAULT_USER),
                replicas.path("credentials").asText(),
                networks.isEmpty() ? ReadReplicas.DEFAULT_POD_NETWORKS : networks,
                ComponentNode.integer(replicas, "maxLagSeconds", ReadReplicas.DEFAULT_MAX_LAG_SECONDS));
    }

    /** The major version of a {@code version} the schema admits ({@code 16}, {@code "12.4"}): its digits before the first dot. */
    static int majorVersion(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }

    /**
     * An environment's own prefix under the backup destination, {@code <destination>/<environment>}, so no
     * environment's retention or restore ever reaches another's dumps (staging's two-day retention would
     * otherwise delete production's); the default view (a spec without environments) keeps the destination.
     */
    static String environmentPrefix(String destination, String environment) {
        return environment == null ? destination : destination.replaceAll("/+$", "") + "/" + environment;
    }

    /** The application name as a PostgreSQL identifier: {@code -} becomes {@code _}. */
    private static String defaultDatabase(String applicationName) {
        String database = applicationName.replace('-', '_');
        return Character.isDigit(database.charAt(0)) ? "db_" + database : database;
    }

    /** The credentials secret must provide {@code username} and {@code password}; backup secrets and schedules must be valid. */
    @Override
    public void check(PostgresComponent postgres, SpecChecks checks) {
        String at = SpecChecks.pointer(postgres);
        String user = "Database `" + postgres.name() + "`";
        checks.secretWithKeys(postgres.credentials(), at + "/credentials", user, List.of("username", "password"));
        if (postgres.hasReadReplicas()) {
            checkReadReplicas(postgres, checks, at, user);
        }
        Backup backup = postgres.backup();
        if (backup == null) {
            return;
        }
        if (backup.credentials() != null) {
            checks.secret(backup.credentials(), at + "/backup/credentials", "The backup of `" + postgres.name() + "`");
        }
        checks.cron(backup.schedule(), at + "/backup/schedule");
        checks.cron(backup.drillSchedule(), at + "/backup/drillSchedule");
    }

    /** Read replicas need a server in the cluster, PostgreSQL 12 or later, and a declared secret with {@code password}. */
    private static void checkReadReplicas(PostgresComponent postgres, SpecChecks checks, String at, String user) {
        if (!postgres.inCluster()) {
            checks.problem(at + "/readReplicas",
                    user + " is an external server, so shipshape runs no replicas of it: `readReplicas` streams from a primary"
                            + " StatefulSet in the cluster.",
                    "Remove `readReplicas`; use the provider's read replicas (RDS, Cloud SQL) and give readers their host as an env value.");
        }
        if (postgres.majorVersion() < MIN_REPLICA_VERSION) {
            checks.problem(at + "/version",
                    user + " runs PostgreSQL " + postgres.majorVersion() + "; read replicas need " + MIN_REPLICA_VERSION
                            + " or later (standby.signal and primary_slot_name, which pg_basebackup --write-recovery-conf writes).",
                    "Set `version` to " + MIN_REPLICA_VERSION + " or later, or remove `readReplicas`.");
        }
        checks.secretWithKeys(postgres.readReplicas().credentials(), at + "/readReplicas/credentials",
                "The read replicas of `" + postgres.name() + "`", List.of(ReadReplicas.PASSWORD_KEY));
    }

    /**
     * The server's objects and NetworkPolicy (in the cluster), the backup jobs and the backup pods'
     * NetworkPolicy (to the database and to object storage) when it has a backup.
     */
    @Override
    public void contribute(PostgresComponent db, KindContext context) {
        PostgresObjects server = new PostgresObjects(context);
        NetworkPolicies policies = context.networkPolicies();
        context.add(db.location(), server.objects(db));
        if (db.inCluster()) {
            List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
            if (db.backup() != null) {
                ingress.add(NetworkPolicies.ingress(List.of(NetworkPolicies.pods(context.labels().selector(db.backupName()))), db.port()));
            }
            if (db.hasReadReplicas()) {
                ingress.add(server.replication().fromReplicas(db));
            }
            context.add(db.location(), policies.workload(db, ingress, List.of()));
            if (db.hasReadReplicas()) {
                context.add(db.location(), server.replication().replicaPolicy(db, policies));
            }
        }
        if (db.backup() != null) {
            context.add(db.location(), new BackupJobs(context, server).objects(db));
            List<NetworkPolicyEgressRule> egress = new ArrayList<>(List.of(policies.toComponent(db)));
            if (db.hasReadReplicas() && db.inCluster()) {
                // a promoted replica serves behind the primary's Service; the runbook backs it up from there
                egress.add(server.replication().toReplicas(db));
            }
            egress.add(NetworkPolicies.toObjectStorage());
            context.add(db.location(), policies.policy(db.backupName(), context.labels().derived(db.backupName(), "backup", db.image()),
                    context.labels().selector(db.backupName()), List.of(), egress));
        }
    }

    /**
     * With a backup: the newest backup and drill are not older than their schedule allows, and none failed.
     * With read replicas: a replica not ready (down, not streaming, or lagging more than {@code maxLagSeconds},
     * which its readiness probe checks), none ready, and the primary's volume filling up (a slot holds back WAL
     * for a replica that is gone).
     */
    @Override
    public List<AlertRule> alerts(PostgresComponent db, AlertRules rules) {
        List<AlertRule> alerts = new ArrayList<>();
        if (db.backup() != null) {
            alerts.addAll(backupAlerts(db, rules));
        }
        if (db.hasReadReplicas() && db.inCluster()) {
            alerts.addAll(replicationAlerts(db, rules));
        }
        return alerts;
    }

    private static List<AlertRule> backupAlerts(PostgresComponent db, AlertRules rules) {
        List<AlertRule> alerts = new ArrayList<>();
        alerts.add(tooOld(rules, "BackupTooOld", db.backupName(), BackupJobs.maxBackupAge(db.backup(), rules.gaps()), db,
                "the newest successful backup of " + db.name()));
        alerts.add(tooOld(rules, "RestoreDrillTooOld", db.drillName(), BackupJobs.maxDrillAge(db.backup(), rules.gaps()), db,
                "the newest successful restore drill of " + db.name()));
        alerts.add(rules.latestRunFailed("backups", "BackupFailed", db.backupName(), BackupJobs.BACKUP_DEADLINE_SECONDS, "critical",
                db.name(), "the latest backup of " + db.name() + " failed"));
        alerts.add(rules.latestRunFailed("backups", "RestoreDrillFailed", db.drillName(), BackupJobs.RESTORE_DEADLINE_SECONDS, "critical",
                db.name(),
                "a restore drill of " + db.name() + " failed: the newest backup may not restore"));
        return alerts;
    }

    /** kube-state-metrics and kubelet series: no exporter runs in the database pods. */
    private static List<AlertRule> replicationAlerts(PostgresComponent db, AlertRules rules) {
        String replicas = rules.select("statefulset", db.replicaName());
        String claim = rules.select("persistentvolumeclaim", VolumeClaims.DATA + "-" + db.name() + "-0");
        return List.of(
                new AlertRule("replication", "ReadReplicaNotReady",
                        "kube_statefulset_status_replicas_ready" + replicas + " < on (namespace, statefulset) kube_statefulset_replicas" + replicas,
                        "10m", "warning", db.name(),
                        "a read replica of " + db.name() + " is not ready: down, not streaming from the primary, or more than "
                                + db.readReplicas().maxLagSeconds() + " s behind it"),
                new AlertRule("replication", "ReadReplicasUnavailable",
                        "kube_statefulset_status_replicas_ready" + replicas + " == 0",
                        "5m", "critical", db.name(),
                        "no read replica of " + db.name() + " is ready: readers of " + db.replicaName() + " cannot connect"),
                new AlertRule("replication", "DatabaseVolumeFillingUp",
                        "kubelet_volume_stats_available_bytes" + claim + " / on (namespace, persistentvolumeclaim) kubelet_volume_stats_capacity_bytes"
                                + claim + " < 0.15",
                        "15m", "warning", db.name(),
                        "the volume of " + db.name() + " has less than 15% free: a replication slot may hold back WAL for a replica that is gone"));
    }

    private static AlertRule tooOld(AlertRules rules, String alert, String cronJob, Duration maxAge, PostgresComponent db, String what) {
        return rules.lastSuccessTooOld("backups", alert, cronJob, maxAge, "critical", db.name(), what);
    }

    @Override
    public String specField(PostgresComponent db, String container, String field) {
        return BackupJobs.UPLOADER_CONTAINERS.contains(container) && field.equals("image") ? "backup.uploaderImage" : field;
    }

    @Override
    public RunbookFacts runbook(PostgresComponent db) {
        String server = db.inCluster()
                ? "In the cluster: StatefulSet `" + db.name() + "` with a " + db.storage() + " PersistentVolumeClaim"
                        + (db.storageClass() == null ? "" : " of StorageClass `" + db.storageClass() + "`")
                        + ", image `" + db.image() + "`."
                : "Outside the cluster: a managed server at `" + db.host() + ":" + db.port()
                        + "`. Its provider's own backups and point-in-time recovery come first; the logical backups"
                        + " below restore into any PostgreSQL server, also one outside that provider.";
        return new RunbookFacts(
                db.inCluster() ? "StatefulSet `" + db.name() + "`, " + db.storage() + " volume"
                        : "managed server `" + db.host() + "` outside the cluster",
                !db.inCluster() ? "managed by its provider"
                        : db.hasReadReplicas() ? "1 primary, " + db.readReplicas().count() + " read replica"
                                + (db.readReplicas().count() == 1 ? "" : "s") + " (`" + db.replicaName() + "`)"
                        : "1 replica",
                new RunbookFacts.DataStore(db.database(), server, !db.inCluster(), db.backup(), db.backupName(), db.restoreName(),
                        db.drillName(), db.hasReadReplicas() && db.inCluster()
                                ? new RunbookFacts.ReadReplicas(db.name(), db.replicaName(), db.readReplicas().count(), db.slotNames())
                                : null),
                null);
    }
}
