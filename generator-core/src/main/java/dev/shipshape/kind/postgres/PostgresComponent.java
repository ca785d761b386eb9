package dev.shipshape.kind.postgres;

import dev.shipshape.spec.Backup;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Workload;

import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL database: a StatefulSet with a PersistentVolumeClaim and a headless Service in the
 * cluster, or an external managed service (Cloud SQL, RDS) reached by host.
 *
 * @param name         component name
 * @param image        PostgreSQL image for the in-cluster server and the backup/restore jobs
 * @param database     database name
 * @param credentials  name of the spec secret holding {@code username} and {@code password}
 * @param storage      PVC size (Kubernetes quantity, bytes), in-cluster only
 * @param storageClass StorageClass of the PVC, or {@code null} for the cluster default
 * @param resources    requests and limits of the server
 * @param external     the managed server, or {@code null} for in-cluster
 * @param backup       backup schedule and destination, or {@code null} (the backup-exists policy flags it)
 * @param majorVersion the PostgreSQL major version the spec's {@code version} states (for example 16)
 * @param readReplicas the streaming read replicas, or {@code null} for none (in-cluster only)
 * @param location     where the component is declared
 */
public record PostgresComponent(
        String name,
        ImageReference image,
        String database,
        String credentials,
        String storage,
        String storageClass,
        Resources resources,
        ExternalDatabase external,
        Backup backup,
        int majorVersion,
        ReadReplicas readReplicas,
        Location location) implements Component {

    /** PostgreSQL's well-known port. */
    public static final int DEFAULT_PORT = 5432;

    @Override
    public String type() {
        return PostgresKind.TYPE;
    }

    /**
     * {@code <name>-backup} (the backup pods and their NetworkPolicy), {@code <name>-restore}, {@code <name>-restore-drill}
     * and, with read replicas, {@code <name>-replica}.
     */
    @Override
    public List<String> derivedNames() {
        return hasReadReplicas() ? List.of(backupName(), restoreName(), drillName(), replicaName())
                : List.of(backupName(), restoreName(), drillName());
    }

    /** True when read replicas follow the primary. */
    public boolean hasReadReplicas() {
        return readReplicas != null;
    }

    /** The read replicas' StatefulSet, headless Service, ServiceAccount, PodDisruptionBudget and NetworkPolicy: {@code <name>-replica}. */
    public String replicaName() {
        return name + "-replica";
    }

    /**
     * The prefix of the physical replication slots, {@code <name>_replica} with {@code -} as {@code _}
     * (slot names are lower-case letters, digits and {@code _}); replica pod {@code <name>-replica-<i>}
     * streams through slot {@code <prefix>_<i>}.
     */
    public String slotPrefix() {
        return name.replace('-', '_') + "_replica";
    }

    /** The slot names of the replica pods, ordinals 0 to count - 1. */
    public List<String> slotNames() {
        return java.util.stream.IntStream.range(0, readReplicas.count()).mapToObj(i -> slotPrefix() + "_" + i).toList();
    }

    /** The name shared by the backup, restore and drill pods, their ServiceAccount and NetworkPolicy, and the backup CronJob. */
    public String backupName() {
        return name + "-backup";
    }

    /** The suspended restore CronJob. */
    public String restoreName() {
        return name + "-restore";
    }

    /** The restore drill CronJob. */
    public String drillName() {
        return name + "-restore-drill";
    }

    /** True when the server runs in the cluster as a StatefulSet. */
    public boolean inCluster() {
        return external == null;
    }

    /** The host other components connect to: the Service name, or the external host. */
    public String host() {
        return inCluster() ? name : external.host();
    }

    /** The port clients connect to: 5432 in the cluster, or the external server's. */
    public int port() {
        return inCluster() ? DEFAULT_PORT : external.port();
    }

    /** {@code postgresql://<host>:<port>/<database>}; an external server is reached through its CIDR. */
    @Override
    public Optional<Endpoint> endpoint() {
        Endpoint.ExternalNetwork network = inCluster() ? null : new Endpoint.ExternalNetwork(external.cidr());
        return Optional.of(new Endpoint(host(), port(), port(), "postgresql", "/" + database, network));
    }

    /** With read replicas: {@code postgresql://<name>-replica:5432/<database>}, served by the hot standbys. */
    @Override
    public Optional<Endpoint> readEndpoint() {
        return hasReadReplicas()
                ? Optional.of(new Endpoint(replicaName(), DEFAULT_PORT, DEFAULT_PORT, "postgresql", "/" + database, null))
                : Optional.empty();
    }

    @Override
    public Optional<Workload> workload() {
        return inCluster() ? Optional.of(new Workload(Workload.STATEFUL_SET, name, null)) : Optional.empty();
    }

    @Override
    public String role() {
        return "database";
    }
}
