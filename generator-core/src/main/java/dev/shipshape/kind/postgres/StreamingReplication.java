package dev.shipshape.kind.postgres;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.ConfigChecksum;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.EnvironmentVariables;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.NetworkPolicies;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.StatefulSets;
import dev.shipshape.model.VolumeClaims;
import dev.shipshape.spec.Component;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streaming replication of an in-cluster PostgreSQL server to hot-standby read replicas
 * (postgresql.org/docs/current/warm-standby.html#STREAMING-REPLICATION):
 * <ul>
 *   <li>the ConfigMap {@code <db>-config}: {@code pg_hba.conf}, which admits replication connections
 *       of the replication role only from the pod networks, and {@code replication.sql}, which creates
 *       the role, sets its password from the Secret and keeps one physical slot per replica;</li>
 *   <li>the server settings both sides run with ({@code wal_level=replica}, {@code max_wal_senders},
 *       {@code max_replication_slots}, {@code hot_standby}; PostgreSQL 13 and later also
 *       {@code max_slot_wal_keep_size}, so a replica that is gone cannot fill the primary's volume);</li>
 *   <li>a {@code postStart} hook on the primary that waits for the server and runs {@code replication.sql}
 *       on every start: scripts in {@code /docker-entrypoint-initdb.d} run only on an empty data
 *       directory, so they would miss an existing database, a new replica count or a new password;</li>
 *   <li>the StatefulSet {@code <db>-replica}: an init container clones the primary into an empty data
 *       directory with {@code pg_basebackup --write-recovery-conf --wal-method=stream --slot=<slot>}
 *       (which writes {@code standby.signal}), then the server runs as a hot standby; its readiness
 *       fails while it is not streaming or lags more than the spec allows, so the read Service only
 *       sends clients to current replicas; its headless Service {@code <db>-replica} (ready pods only), ServiceAccount,
 *       PodDisruptionBudget and NetworkPolicy.</li>
 * </ul>
 * The replication password never rests on a volume: {@code pg_basebackup} writes it into
 * {@code primary_conninfo}, the clone script removes that line, and the standby reads the password
 * from {@code PGPASSWORD} (libpq's environment, which the WAL receiver uses).
 */
final class StreamingReplication {

    /** Where the ConfigMap is mounted. */
    static final String CONFIG_DIR = "/etc/postgresql";
    /** The {@code pg_hba.conf} key and file. */
    static final String HBA_FILE = "pg_hba.conf";
    /** The role and slot script key and file. */
    static final String SETUP_FILE = "replication.sql";
    /** The environment variable holding the replication role's password. */
    static final String PASSWORD_VARIABLE = "REPLICATION_PASSWORD";
    /** PostgreSQL's default of {@code max_wal_senders} and {@code max_replication_slots}, never lowered. */
    static final int POSTGRES_DEFAULT_SENDERS = 10;
    /** The first major version with {@code max_slot_wal_keep_size}. */
    static final int SLOT_WAL_LIMIT_SINCE = 13;
    /** The share of the primary's volume the slots may hold back as WAL, as a divisor. */
    static final int SLOT_WAL_SHARE = 4;
    /** How long the primary's hook waits for its server, in tries two seconds apart. */
    static final int SERVER_WAIT_TRIES = 300;

    private static final String SOCKET_DIR = "/var/run/postgresql";
    private static final String CONFIG_VOLUME = "config";

    private final KindContext context;

    StreamingReplication(KindContext context) {
        this.context = context;
    }

    /** The ConfigMap with {@code pg_hba.conf} and {@code replication.sql}. */
    ConfigMap configMap(PostgresComponent db) {
        Map<String, String> data = new TreeMap<>();
        data.put(HBA_FILE, hba(db));
        data.put(SETUP_FILE, setupScript(db));
        return new ConfigMapBuilder().withMetadata(context.metadata().of(configName(db), context.labels().component(db)))
                .withData(data).build();
    }

    /** The ConfigMap's name: {@code <db>-config}. */
    static String configName(PostgresComponent db) {
        return db.name() + "-config";
    }

    /** The pod annotation that rolls the pods when {@code pg_hba.conf} or the setup script change. */
    Map<String, String> podAnnotations(PostgresComponent db) {
        return Map.of(ConfigChecksum.ANNOTATION, ConfigChecksum.of(configMap(db).getData()));
    }

    /**
     * The {@code pg_hba.conf} of primary and replicas: the image's own rules (trust on the pod's socket
     * and loopback, passwords from anywhere else, with the method the image picks for the version), and
     * replication for the replication role from the pod networks only, with SCRAM.
     */
    static String hba(PostgresComponent db) {
        String method = db.majorVersion() >= 14 ? "scram-sha-256" : "md5";
        StringBuilder hba = new StringBuilder()
                .append("# Generated by shipshape. TYPE DATABASE USER ADDRESS METHOD\n")
                .append("local all all trust\n")
                .append("host all all 127.0.0.1/32 trust\n")
                .append("host all all ::1/128 trust\n");
        for (String network : db.readReplicas().podNetworks()) {
            hba.append("host replication ").append(db.readReplicas().user()).append(' ').append(network).append(" scram-sha-256\n");
        }
        // "all" matches every database but not replication connections
        return hba.append("host all all all ").append(method).append('\n').toString();
    }

    /**
     * The idempotent setup the primary runs on every start: the replication role (created if missing,
     * its password set from {@value #PASSWORD_VARIABLE} with SCRAM), a physical slot per replica, and
     * the inactive slots of replicas scaled away dropped (a slot nobody reads holds back WAL forever).
     */
    static String setupScript(PostgresComponent db) {
        String slots = "ARRAY[" + String.join(", ", db.slotNames().stream().map(s -> "'" + s + "'").toList()) + "]";
        return String.join("\n",
                "-- Generated by shipshape: the replication role and one physical slot per read replica. Idempotent.",
                "\\set ON_ERROR_STOP on",
                "\\set user " + db.readReplicas().user(),
                "\\set password `printenv " + PASSWORD_VARIABLE + "`",
                "SET password_encryption = 'scram-sha-256';",
                "SELECT format('CREATE ROLE %I WITH REPLICATION LOGIN', :'user')",
                "  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \\gexec",
                "SELECT format('ALTER ROLE %I WITH REPLICATION LOGIN PASSWORD %L', :'user', :'password') \\gexec",
                "SELECT slot, pg_create_physical_replication_slot(slot) FROM unnest(" + slots + ") AS slot",
                "  WHERE slot NOT IN (SELECT slot_name FROM pg_replication_slots);",
                "SELECT slot_name, pg_drop_replication_slot(slot_name) FROM pg_replication_slots",
                "  WHERE slot_name ~ '^" + db.slotPrefix() + "_[0-9]+$' AND slot_name <> ALL (" + slots + ") AND NOT active;",
                "");
    }

    /** The server settings primary and replicas share, as {@code postgres} arguments (standbys check theirs against the primary's). */
    static List<String> serverArguments(PostgresComponent db) {
        int senders = Math.max(POSTGRES_DEFAULT_SENDERS, db.readReplicas().count() + 2);
        List<String> args = new ArrayList<>(List.of(
                "-c", "hba_file=" + CONFIG_DIR + "/" + HBA_FILE,
                "-c", "wal_level=replica",
                "-c", "max_wal_senders=" + senders,
                "-c", "max_replication_slots=" + senders,
                "-c", "hot_standby=on"));
        if (db.majorVersion() >= SLOT_WAL_LIMIT_SINCE) {
            BigDecimal bytes = Quantity.getAmountInBytes(new Quantity(db.storage()));
            long megabytes = bytes.divide(BigDecimal.valueOf(SLOT_WAL_SHARE * 1024L * 1024L), java.math.RoundingMode.DOWN).longValue();
            args.addAll(List.of("-c", "max_slot_wal_keep_size=" + Math.max(megabytes, 64) + "MB"));
        }
        return args;
    }

    /** The primary's extra environment: the replication password its setup script sets. */
    EnvVar primaryPassword(PostgresComponent db) {
        return context.env().secretKey(PASSWORD_VARIABLE, db.readReplicas().credentials(), ReadReplicas.PASSWORD_KEY, db.location());
    }

    /** The primary's {@code postStart} hook: wait until the server accepts TCP connections (not initdb's socket-only server), then run the setup. */
    static Lifecycle primaryHook() {
        String script = String.join("\n",
                "set -eu",
                "tries=0",
                "until pg_isready --quiet --host=127.0.0.1 --port=" + PostgresComponent.DEFAULT_PORT + "; do",
                "  tries=`expr $tries + 1`",
                "  if [ \"$tries\" -ge " + SERVER_WAIT_TRIES + " ]; then echo \"the server did not start; replication is not set up\" >&2; exit 1; fi",
                "  sleep 2",
                "done",
                "psql --host=" + SOCKET_DIR + " --username=\"$POSTGRES_USER\" --dbname=\"$POSTGRES_DB\" --no-psqlrc --quiet"
                        + " --file=" + CONFIG_DIR + "/" + SETUP_FILE);
        return new LifecycleBuilder().withNewPostStart().withNewExec().withCommand("sh", "-c", script).endExec().endPostStart().build();
    }

    /** The ConfigMap's volume. */
    static Volume configVolume(PostgresComponent db) {
        return new VolumeBuilder().withName(CONFIG_VOLUME).withNewConfigMap().withName(configName(db)).endConfigMap().build();
    }

    /** The ConfigMap's read-only mount. */
    static VolumeMount configMount() {
        return new VolumeMountBuilder().withName(CONFIG_VOLUME).withMountPath(CONFIG_DIR).withReadOnly(true).build();
    }

    /** The replicas' objects: ServiceAccount, StatefulSet, headless Service and PodDisruptionBudget. */
    List<HasMetadata> replicaObjects(PostgresComponent db) {
        var meta = context.metadata().of(db.replicaName(), replicaLabels(db));
        return List.of(
                ServiceAccounts.of(meta, false),
                replicaStatefulSet(db),
                PostgresObjects.headlessService(meta, context.labels().selector(db.replicaName())),
                DisruptionBudgets.oneAtATime(meta, context.labels().selector(db.replicaName())));
    }

    /** The replicas' labels: the {@code <db>-replica} name, component {@code read-replica}, the database's version. */
    Map<String, String> replicaLabels(PostgresComponent db) {
        return context.labels().derived(db.replicaName(), "read-replica", db.image());
    }

    /**
     * The replicas' NetworkPolicy: every component that uses the database may read on 5432, and its
     * backup pods may connect (a promoted replica is backed up through the primary's Service); the
     * replicas reach the primary on 5432 and nothing else.
     */
    NetworkPolicy replicaPolicy(PostgresComponent db, NetworkPolicies policies) {
        List<NetworkPolicyIngressRule> readers = new ArrayList<>();
        for (Component user : context.app().components()) {
            if (user.uses().contains(db.name())) {
                readers.add(NetworkPolicies.ingress(List.of(NetworkPolicies.pods(context.labels().selector(user))), PostgresComponent.DEFAULT_PORT));
            }
        }
        if (db.backup() != null) {
            readers.add(NetworkPolicies.ingress(List.of(NetworkPolicies.pods(context.labels().selector(db.backupName()))),
                    PostgresComponent.DEFAULT_PORT));
        }
        return policies.policy(db.replicaName(), replicaLabels(db), context.labels().selector(db.replicaName()), readers,
                List.of(NetworkPolicies.egress(List.of(NetworkPolicies.pods(context.labels().selector(db))), PostgresComponent.DEFAULT_PORT)));
    }

    /** Egress to the replica pods on 5432. */
    NetworkPolicyEgressRule toReplicas(PostgresComponent db) {
        return NetworkPolicies.egress(List.of(NetworkPolicies.pods(context.labels().selector(db.replicaName()))), PostgresComponent.DEFAULT_PORT);
    }

    /** The primary's extra ingress: its replicas, on 5432. */
    NetworkPolicyIngressRule fromReplicas(PostgresComponent db) {
        return NetworkPolicies.ingress(List.of(NetworkPolicies.pods(context.labels().selector(db.replicaName()))), PostgresComponent.DEFAULT_PORT);
    }

    private StatefulSet replicaStatefulSet(PostgresComponent db) {
        Map<String, String> selector = context.labels().selector(db.replicaName());
        Map<String, String> labels = replicaLabels(db);
        PodSecurity security = PodSecurity.POSTGRES;
        List<String> alive = List.of("sh", "-c", "exec pg_isready --host=127.0.0.1 --port=" + PostgresComponent.DEFAULT_PORT);
        List<String> args = new ArrayList<>(serverArguments(db));
        args.addAll(List.of(
                "-c", "primary_conninfo=host=" + db.name() + " port=" + PostgresComponent.DEFAULT_PORT + " user=" + db.readReplicas().user()
                        + " application_name=$(POD_NAME)",
                "-c", "hot_standby_feedback=on"));
        Container standby = Pods.container(db.replicaName(), db.image(), security)
                .withArgs(args)
                .withPorts(Pods.port(PostgresObjects.PORT_NAME, PostgresComponent.DEFAULT_PORT))
                .withEnv(replicaEnvironment(db, true))
                .withResources(ComputeResources.of(db.resources()))
                .withStartupProbe(Probes.exec(alive, Probes.SLOW_STARTUP))
                .withReadinessProbe(Probes.exec(List.of("sh", "-c", readinessScript(db)), new Probes.Timing(10, 5, 3)))
                .withLivenessProbe(Probes.exec(alive, new Probes.Timing(20, 5, 6)))
                .withVolumeMounts(PostgresObjects.serverMounts(configMount()))
                .build();
        Container clone = Pods.container("clone", db.image(), security)
                .withCommand("sh", "-c", cloneScript(db))
                .withEnv(replicaEnvironment(db, false))
                .withResources(ComputeResources.of(db.resources()))
                .withVolumeMounts(Pods.mount(VolumeClaims.DATA, PostgresObjects.DATA_MOUNT), Pods.mount("tmp", "/tmp"))
                .build();
        var pod = Pods.spec(db.replicaName(), false, security)
                .withTerminationGracePeriodSeconds(PostgresObjects.TERMINATION_GRACE_SECONDS)
                .withAffinity(awayFromPrimary(db))
                .withTopologySpreadConstraints(db.readReplicas().count() >= 2 ? List.of(StatefulSets.spreadOverNodes(selector)) : List.of())
                .withInitContainers(clone)
                .withContainers(standby)
                .withVolumes(PostgresObjects.serverVolumes(configVolume(db)))
                .build();
        return StatefulSets.of(context.metadata().of(db.replicaName(), labels), labels, podAnnotations(db), selector, db.replicaName(),
                db.readReplicas().count(), pod,
                List.of(VolumeClaims.readWriteOnce(VolumeClaims.DATA, db.storage(), db.storageClass(), selector)));
    }

    /** Prefer nodes without the primary: a node failure then takes the primary or the replicas, not both. */
    private Affinity awayFromPrimary(PostgresComponent db) {
        return new AffinityBuilder().withNewPodAntiAffinity().addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
                .withNewLabelSelector().withMatchLabels(context.labels().selector(db)).endLabelSelector()
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution().endPodAntiAffinity().build();
    }

    /**
     * The replica's environment: {@code PGDATA}, its pod name, the replication password as libpq's
     * {@code PGPASSWORD}; the standby also the database owner's name as {@code PGUSER} for its readiness query.
     */
    private List<EnvVar> replicaEnvironment(PostgresComponent db, boolean standby) {
        List<EnvVar> env = new ArrayList<>(List.of(
                EnvironmentVariables.literal("PGDATA", PostgresObjects.PGDATA),
                new EnvVarBuilder().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                        .endFieldRef().endValueFrom().build(),
                context.env().secretKey("PGPASSWORD", db.readReplicas().credentials(), ReadReplicas.PASSWORD_KEY, db.location())));
        if (standby) {
            env.add(context.env().secretKey("PGUSER", db.credentials(), "username", db.location()));
        }
        return env;
    }

    /**
     * Clones the primary into an empty data directory through the pod's slot, into a side directory
     * first so an interrupted clone never looks like a data directory; a pod with data resumes streaming.
     */
    static String cloneScript(PostgresComponent db) {
        return String.join("\n",
                "set -eu",
                "if [ -s \"$PGDATA/PG_VERSION\" ]; then",
                "  echo \"$PGDATA holds a cluster: the standby resumes streaming from " + db.name() + "\"",
                "  exit 0",
                "fi",
                "slot=\"" + db.slotPrefix() + "_${POD_NAME##*-}\"",
                "partial=\"$PGDATA.partial\"",
                "rm -rf \"$partial\"",
                "pg_basebackup --host=" + db.name() + " --port=" + PostgresComponent.DEFAULT_PORT + " --username=" + db.readReplicas().user()
                        + " --no-password --pgdata=\"$partial\" --write-recovery-conf --wal-method=stream --slot=\"$slot\" --checkpoint=fast",
                "test -f \"$partial/standby.signal\"",
                "# the password stays in the Secret: the standby reads PGPASSWORD, so primary_conninfo is not kept on the volume",
                "sed -i '/^primary_conninfo/d' \"$partial/postgresql.auto.conf\"",
                "mv \"$partial\" \"$PGDATA\"",
                "echo \"cloned " + db.name() + " through slot $slot\"");
    }

    /**
     * Ready when the server accepts connections, its WAL receiver streams, and replay is at most
     * {@code maxLagSeconds} behind; a promoted replica (no longer in recovery) is ready as a primary.
     */
    static String readinessScript(PostgresComponent db) {
        return String.join("\n",
                "pg_isready --quiet --host=127.0.0.1 --port=" + PostgresComponent.DEFAULT_PORT + " || exit 1",
                "lag=`psql --host=" + SOCKET_DIR + " --dbname=postgres --no-psqlrc --no-align --tuples-only --command=\""
                        + "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
                        + " WHEN NOT EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status = 'streaming') THEN -1"
                        + " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                        + " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)::int END\"`",
                "[ \"$lag\" -ge 0 ] && [ \"$lag\" -le " + db.readReplicas().maxLagSeconds() + " ]");
    }
}
