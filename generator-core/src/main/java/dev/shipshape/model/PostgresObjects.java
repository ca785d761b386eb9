package dev.shipshape.model;

import dev.shipshape.spec.PostgresComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
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
final class PostgresObjects {

    /** Where the data volume is mounted. */
    static final String DATA_MOUNT = "/var/lib/postgresql/data";
    /** The cluster directory inside the data volume. */
    static final String PGDATA = DATA_MOUNT + "/pgdata";
    /** Shared memory for parallel queries (bytes; Docker's 64Mi default is too small). */
    static final String SHARED_MEMORY = "256Mi";
    /** Seconds for a fast shutdown: PostgreSQL checkpoints before it exits. */
    static final long TERMINATION_GRACE_SECONDS = 60;
    /** The name of the StatefulSet's volume claim template. */
    static final String DATA_VOLUME = "data";

    private final Labels labels;
    private final Metadata metadata;
    private final EnvironmentVariables env;

    PostgresObjects(Labels labels, Metadata metadata, EnvironmentVariables env) {
        this.labels = labels;
        this.metadata = metadata;
        this.env = env;
    }

    /** The in-cluster server's objects; none for an external database. */
    List<HasMetadata> objects(PostgresComponent postgres) {
        if (!postgres.inCluster()) {
            return List.of();
        }
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(ServiceAccounts.of(metadata.of(postgres.name(), labels.component(postgres)), false));
        objects.add(statefulSet(postgres));
        objects.add(headlessService(postgres));
        objects.add(WebWorkloads.disruptionBudget(metadata.of(postgres.name(), labels.component(postgres)),
                labels.selector(postgres)));
        return objects;
    }

    /**
     * The environment that connects {@code psql}, {@code pg_dump} and {@code pg_restore} to a
     * database through libpq's variables (postgresql.org/docs/current/libpq-envars.html).
     */
    List<io.fabric8.kubernetes.api.model.EnvVar> clientEnvironment(PostgresComponent postgres) {
        return List.of(
                EnvironmentVariables.literal("PGHOST", postgres.host()),
                EnvironmentVariables.literal("PGPORT", Integer.toString(postgres.servicePort())),
                EnvironmentVariables.literal("PGDATABASE", postgres.database()),
                env.secretKey("PGUSER", postgres.credentials(), "username", postgres.location()),
                env.secretKey("PGPASSWORD", postgres.credentials(), "password", postgres.location()));
    }

    private StatefulSet statefulSet(PostgresComponent postgres) {
        Map<String, String> selector = labels.selector(postgres);
        List<String> ready = List.of("sh", "-c",
                "exec pg_isready --host=127.0.0.1 --port=" + PostgresComponent.DEFAULT_PORT
                        + " --username=\"$POSTGRES_USER\" --dbname=\"$POSTGRES_DB\"");
        PodSecurity security = PodSecurity.POSTGRES;
        var container = Pods.container(postgres.name(), postgres.image(), security)
                .withPorts(Pods.port(Ports.POSTGRES, PostgresComponent.DEFAULT_PORT))
                .withEnv(
                        EnvironmentVariables.literal("POSTGRES_DB", postgres.database()),
                        env.secretKey("POSTGRES_USER", postgres.credentials(), "username", postgres.location()),
                        env.secretKey("POSTGRES_PASSWORD", postgres.credentials(), "password", postgres.location()),
                        EnvironmentVariables.literal("PGDATA", PGDATA))
                .withResources(ComputeResources.of(postgres.resources()))
                .withStartupProbe(Probes.exec(ready, new Probes.Timing(10, 5, 60)))
                .withReadinessProbe(Probes.exec(ready, new Probes.Timing(10, 5, 3)))
                .withLivenessProbe(Probes.exec(ready, new Probes.Timing(20, 5, 6)))
                .withVolumeMounts(
                        Pods.mount(DATA_VOLUME, DATA_MOUNT),
                        Pods.mount("run", "/var/run/postgresql"),
                        Pods.mount("tmp", "/tmp"),
                        Pods.mount("shm", "/dev/shm"))
                .build();
        return new StatefulSetBuilder().withMetadata(metadata.of(postgres.name(), labels.component(postgres)))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(postgres.name())
                .withPodManagementPolicy("OrderedReady")
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withRevisionHistoryLimit(WebWorkloads.REVISION_HISTORY_LIMIT)
                .withSelector(WebWorkloads.matchLabels(selector))
                .withNewTemplate()
                .withNewMetadata().withLabels(labels.component(postgres)).endMetadata()
                .withSpec(Pods.spec(postgres.name(), false, security)
                        .withTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS)
                        .withContainers(container)
                        .withVolumes(Pods.scratch("run"), Pods.scratch("tmp"), Pods.memory("shm", SHARED_MEMORY))
                        .build())
                .endTemplate()
                .withVolumeClaimTemplates(volumeClaim(DATA_VOLUME, postgres.storage(), postgres.storageClass(), selector))
                .endSpec()
                .build();
    }

    /**
     * A ReadWriteOnce volume claim template.
     *
     * @param storage      size (bytes, Kubernetes quantity)
     * @param storageClass the StorageClass, or {@code null} for the cluster default
     */
    static PersistentVolumeClaim volumeClaim(String name, String storage, String storageClass, Map<String, String> labels) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass)
                .withNewResources().addToRequests("storage", new Quantity(storage)).endResources()
                .endSpec()
                .build();
    }

    private Service headlessService(PostgresComponent postgres) {
        return new ServiceBuilder().withMetadata(metadata.of(postgres.name(), labels.component(postgres)))
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("None")
                .withSelector(labels.selector(postgres))
                .withPorts(WebWorkloads.servicePort(Ports.POSTGRES, PostgresComponent.DEFAULT_PORT, Ports.POSTGRES))
                .endSpec()
                .build();
    }
}
