package dev.shipshape.kind.postgres;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.EnvironmentVariables;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.StatefulSets;
import dev.shipshape.model.VolumeClaims;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An in-cluster PostgreSQL server: ServiceAccount, a one-replica StatefulSet with a
 * PersistentVolumeClaim (retained on delete and scale-down, {@link StatefulSets}), its headless
 * Service and a PodDisruptionBudget. The official postgres
 * image (hub.docker.com/_/postgres) runs as uid 999 on a read-only root file system with
 * {@code emptyDir}s for its socket directory, {@code /tmp} and shared memory; {@code PGDATA} is a
 * subdirectory of the volume so the volume's {@code lost+found} does not stop {@code initdb}.
 * With read replicas the server also runs with the replication settings and setup of
 * {@link StreamingReplication}, which adds the replicas' objects. An external database has no
 * workload; the spec only feeds NetworkPolicies and backups.
 */
public final class PostgresObjects {

    /** Where the data volume is mounted. */
    public static final String DATA_MOUNT = "/var/lib/postgresql/data";
    /** The cluster directory inside the data volume. */
    public static final String PGDATA = DATA_MOUNT + "/pgdata";
    /** Shared memory for parallel queries (bytes; Docker's 64Mi default is too small). */
    public static final String SHARED_MEMORY = "256Mi";
    /** Seconds for a fast shutdown: PostgreSQL checkpoints before it exits. */
    public static final long TERMINATION_GRACE_SECONDS = 60;
    /** The container and Service port name of the server. */
    public static final String PORT_NAME = "postgres";


    private final KindContext context;
    private final StreamingReplication replication;

    PostgresObjects(KindContext context) {
        this.context = context;
        this.replication = new StreamingReplication(context);
    }

    /** The in-cluster server's objects (with read replicas, theirs too); none for an external database. */
    List<HasMetadata> objects(PostgresComponent postgres) {
        if (!postgres.inCluster()) {
            return List.of();
        }
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(ServiceAccounts.of(context.meta(postgres), false));
        if (postgres.hasReadReplicas()) {
            objects.add(replication.configMap(postgres));
        }
        objects.add(statefulSet(postgres));
        objects.add(headlessService(context.meta(postgres), context.labels().selector(postgres)));
        objects.add(DisruptionBudgets.oneAtATime(context.meta(postgres),
                context.labels().selector(postgres)));
        if (postgres.hasReadReplicas()) {
            objects.addAll(replication.replicaObjects(postgres));
        }
        return objects;
    }

    /** The streaming replication objects and settings of this view. */
    StreamingReplication replication() {
        return replication;
    }

    /**
     * The environment that connects {@code psql}, {@code pg_dump} and {@code pg_restore} to a
     * database through libpq's variables (postgresql.org/docs/current/libpq-envars.html).
     */
    List<io.fabric8.kubernetes.api.model.EnvVar> clientEnvironment(PostgresComponent postgres) {
        return List.of(
                EnvironmentVariables.literal("PGHOST", postgres.host()),
                EnvironmentVariables.literal("PGPORT", Integer.toString(postgres.port())),
                EnvironmentVariables.literal("PGDATABASE", postgres.database()),
                context.env().secretKey("PGUSER", postgres.credentials(), "username", postgres.location()),
                context.env().secretKey("PGPASSWORD", postgres.credentials(), "password", postgres.location()));
    }

    /** The server's mounts: data volume, socket directory, {@code /tmp}, shared memory, then {@code extra}. */
    static List<VolumeMount> serverMounts(VolumeMount... extra) {
        List<VolumeMount> mounts = new ArrayList<>(List.of(
                Pods.mount(VolumeClaims.DATA, DATA_MOUNT),
                Pods.mount("run", "/var/run/postgresql"),
                Pods.mount("tmp", "/tmp"),
                Pods.mount("shm", "/dev/shm")));
        mounts.addAll(List.of(extra));
        return mounts;
    }

    /** The server's pod volumes besides the data claim: socket directory, {@code /tmp}, shared memory, then {@code extra}. */
    static List<Volume> serverVolumes(Volume... extra) {
        List<Volume> volumes = new ArrayList<>(List.of(Pods.scratch("run"), Pods.scratch("tmp"), Pods.memory("shm", SHARED_MEMORY)));
        volumes.addAll(List.of(extra));
        return volumes;
    }

    private StatefulSet statefulSet(PostgresComponent postgres) {
        Map<String, String> selector = context.labels().selector(postgres);
        List<String> ready = List.of("sh", "-c",
                "exec pg_isready --host=127.0.0.1 --port=" + PostgresComponent.DEFAULT_PORT
                        + " --username=\"$POSTGRES_USER\" --dbname=\"$POSTGRES_DB\"");
        PodSecurity security = PodSecurity.POSTGRES;
        boolean replicated = postgres.hasReadReplicas();
        List<EnvVar> env = new ArrayList<>(List.of(
                EnvironmentVariables.literal("POSTGRES_DB", postgres.database()),
                context.env().secretKey("POSTGRES_USER", postgres.credentials(), "username", postgres.location()),
                context.env().secretKey("POSTGRES_PASSWORD", postgres.credentials(), "password", postgres.location()),
                EnvironmentVariables.literal("PGDATA", PGDATA)));
        if (replicated) {
            env.add(replication.primaryPassword(postgres));
        }
        var container = Pods.container(postgres.name(), postgres.image(), security);
        if (replicated) {
            container.withArgs(StreamingReplication.serverArguments(postgres)).withLifecycle(StreamingReplication.primaryHook());
        }
        container.withPorts(Pods.port(PORT_NAME, PostgresComponent.DEFAULT_PORT))
                .withEnv(env)
                .withResources(ComputeResources.of(postgres.resources()))
                .withStartupProbe(Probes.exec(ready, Probes.SLOW_STARTUP))
                .withReadinessProbe(Probes.exec(ready, new Probes.Timing(10, 5, 3)))
                .withLivenessProbe(Probes.exec(ready, new Probes.Timing(20, 5, 6)))
                .withVolumeMounts(replicated ? serverMounts(StreamingReplication.configMount()) : serverMounts());
        return StatefulSets.of(context.meta(postgres), context.labels().component(postgres),
                replicated ? replication.podAnnotations(postgres) : Map.of(), selector, postgres.name(), 1,
                Pods.spec(postgres.name(), false, security)
                        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                        .withContainers(container.build())
                        .withVolumes(replicated ? serverVolumes(StreamingReplication.configVolume(postgres)) : serverVolumes())
                        .build(),
                List.of(VolumeClaims.readWriteOnce(VolumeClaims.DATA, postgres.storage(), postgres.storageClass(), selector)));
    }

    /**
     * A headless Service of ready server pods only (clients must not reach a server that is still
     * starting or, for a replica, behind), which also governs the StatefulSet.
     */
    static Service headlessService(ObjectMeta meta, Map<String, String> selector) {
        return new ServiceBuilder().withMetadata(meta)
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("None")
                .withSelector(selector)
                .withPorts(ServicePorts.tcp(PORT_NAME, PostgresComponent.DEFAULT_PORT, PORT_NAME))
                .endSpec()
                .build();
    }
}
