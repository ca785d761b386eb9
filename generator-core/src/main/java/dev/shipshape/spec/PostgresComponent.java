package dev.shipshape.spec;

import java.util.List;

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

    /** {@code <name>-backup} (the backup pods and their NetworkPolicy), {@code <name>-restore} and {@code <name>-restore-drill}. */
    @Override
    public List<String> derivedNames() {
        return List.of(name + "-backup", name + "-restore", name + "-restore-drill");
    }

    /** True when the server runs in the cluster as a StatefulSet. */
    public boolean inCluster() {
        return external == null;
    }

    /** The host other components connect to: the Service name, or the external host. */
    public String host() {
        return inCluster() ? name : external.host();
    }

    @Override
    public int servicePort() {
        return inCluster() ? DEFAULT_PORT : external.port();
    }

    @Override
    public List<String> uses() {
        return List.of();
    }

    @Override
    public String role() {
        return "database";
    }
}
