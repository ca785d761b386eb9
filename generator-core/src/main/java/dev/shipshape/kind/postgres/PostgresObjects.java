package dev.shipshape.kind.postgres;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.EnvironmentVariables;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.NetworkPolicies;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.Selectors;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.VolumeClaims;
import dev.shipshape.model.Workloads;
import dev.shipshape.kind.postgres.PostgresComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An in-cluster PostgreSQL server: ServiceAccount, a one-replica StatefulSet with a
 * PersistentVolumeClaim, its headless Service and a PodDisruptionBudget. The official postgres
 * image (hub.docker.com/_/postgres) runs as uid 999 on a read-only root file system with
 * {@code emptyDir}s for its socket directory, {@code /tmp} and shared memory; {@code PGDATA} is a
 * subdirectory of the volume so the volume's {@code lost+found} does not stop {@code initdb}.
 * An external database has no workload; the spec only feeds NetworkPolicies and backups.
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

    PostgresObjects(KindContext context) {
        this.context = context;
    }

    /** The in-cluster server's objects; none for an external database. */
    List<HasMetadata> objects(PostgresComponent postgres) {
        if (!postgres.inCluster()) {
            return List.of();
        }
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(ServiceAccounts.of(context.meta(postgres), false));
        objects.add(statefulSet(postgres));
        objects.add(headlessService(postgres));
        objects.add(DisruptionBudgets.oneAtATime(context.meta(postgres),
                context.labels().selector(postgres)));
        return objects;
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

    private StatefulSet statefulSet(PostgresComponent postgres) {
        Map<String, String> selector = context.labels().selector(postgres);
        List<String> ready = List.of("sh", "-c",
                "exec pg_isready --host=127.0.0.1 --port=" + PostgresComponent.DEFAULT_PORT
                        + " --username=\"$POSTGRES_USER\" --dbname=\"$POSTGRES_DB\"");
        PodSecurity security = PodSecurity.POSTGRES;
        var container = Pods.container(postgres.name(), postgres.image(), security)
                .withPorts(Pods.port(PORT_NAME, PostgresComponent.DEFAULT_PORT))
                .withEnv(
                        EnvironmentVariables.literal("POSTGRES_DB", postgres.database()),
                        context.env().secretKey("POSTGRES_USER", postgres.credentials(), "username", postgres.location()),
                        context.env().secretKey("POSTGRES_PASSWORD", postgres.credentials(), "password", postgres.location()),
                        EnvironmentVariables.literal("PGDATA", PGDATA))
                .withResources(ComputeResources.of(postgres.resources()))
                .withStartupProbe(Probes.exec(ready, Probes.SLOW_STARTUP))
                .withReadinessProbe(Probes.exec(ready, new Probes.Timing(10, 5, 3)))
                .withLivenessProbe(Probes.exec(ready, new Probes.Timing(20, 5, 6)))
                .withVolumeMounts(
                        Pods.mount(VolumeClaims.DATA, DATA_MOUNT),
                        Pods.mount("run", "/var/run/postgresql"),
                        Pods.mount("tmp", "/tmp"),
                        Pods.mount("shm", "/dev/shm"))
                .build();
        return new StatefulSetBuilder().withMetadata(context.meta(postgres))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(postgres.name())
                .withPodManagementPolicy("OrderedReady")
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withRevisionHistoryLimit(Workloads.REVISION_HISTORY_LIMIT)
                .withSelector(Selectors.matchLabels(selector))
                .withNewTemplate()
                .withNewMetadata().withLabels(context.labels().component(postgres)).endMetadata()
                .withSpec(Pods.spec(postgres.name(), false, security)
                        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                        .withContainers(container)
                        .withVolumes(Pods.scratch("run"), Pods.scratch("tmp"), Pods.memory("shm", SHARED_MEMORY))
                        .build())
                .endTemplate()
                .withVolumeClaimTemplates(VolumeClaims.readWriteOnce(VolumeClaims.DATA, postgres.storage(), postgres.storageClass(), selector))
                .endSpec()
                .build();
    }


    private Service headlessService(PostgresComponent postgres) {
        return new ServiceBuilder().withMetadata(context.meta(postgres))
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("None")
                .withSelector(context.labels().selector(postgres))
                .withPorts(ServicePorts.tcp(PORT_NAME, PostgresComponent.DEFAULT_PORT, PORT_NAME))
                .endSpec()
                .build();
    }
}
