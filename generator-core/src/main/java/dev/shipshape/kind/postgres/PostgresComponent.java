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
        Location location) implements Component {

    /** PostgreSQL's well-known port. */
    public static final int DEFAULT_PORT = 5432;

    @Override
    public String type() {
        return PostgresKind.TYPE;
    }

    /** {@code <name>-backup} (the backup pods and their NetworkPolicy), {@code <name>-restore} and {@code <name>-restore-drill}. */
    @Override
    public List<String> derivedNames() {
        return List.of(backupName(), restoreName(), drillName());
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

    @Override
    public Optional<Workload> workload() {
        return inCluster() ? Optional.of(new Workload(Workload.STATEFUL_SET, name, null)) : Optional.empty();
    }

    @Override
    public String role() {
        return "database";
    }
}
