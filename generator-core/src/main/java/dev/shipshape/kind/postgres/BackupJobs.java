package dev.shipshape.kind.postgres;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.CronJobs;
import dev.shipshape.model.EnvironmentVariables;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.ScheduleGaps;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.kind.postgres.PostgresComponent;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Logical backups of a PostgreSQL database and the two ways back from them, as CronJobs:
 * <ul>
 *   <li>{@code <db>-backup}: {@code pg_dump -Fc} into an {@code emptyDir} (an init container with
 *       the database's own image, so client and server versions match), then rclone copies the dump
 *       to object storage and deletes dumps older than the retention;</li>
 *   <li>{@code <db>-restore}: suspended, run on demand with
 *       {@code kubectl create job --from=cronjob/<db>-restore <name>}; downloads the newest dump and
 *       {@code pg_restore}s it into the database;</li>
 *   <li>{@code <db>-restore-drill}: on the drill schedule, restores the newest dump into a scratch
 *       PostgreSQL run as a native sidecar and checks that tables came back; it fails loudly when
 *       there is no dump younger than the backup schedule allows.</li>
 * </ul>
 * All follow the backup-job-hygiene policy: {@code concurrencyPolicy: Forbid}, deadlines, bounded
 * retries and history. Scripts avoid {@code $(...)}, which the kubelet reads as a variable reference.
 */
public final class BackupJobs {

    /** The environment variable naming the rclone remote path of the environment's dumps ({@code store:bucket/prefix/<env>}). */
    static final String REMOTE_VARIABLE = "BACKUP_REMOTE";
    /** The environment variable with the days dumps are kept ({@code backup.retentionDays}). */
    static final String RETENTION_VARIABLE = "BACKUP_RETENTION_DAYS";
    /** The environment variable with the age in seconds beyond which the drill refuses a dump. */
    static final String MAX_AGE_VARIABLE = "BACKUP_MAX_AGE_SECONDS";
    /** The container that copies a dump to object storage. */
    static final String UPLOAD_CONTAINER = "upload";
    /** The container that fetches a dump from object storage. */
    static final String DOWNLOAD_CONTAINER = "download";
    /** The containers that run the uploader image ({@code backup.uploaderImage}) rather than the server's. */
    static final java.util.Set<String> UPLOADER_CONTAINERS = java.util.Set.of(UPLOAD_CONTAINER, DOWNLOAD_CONTAINER);

    /** The uploader image, pinned (rclone.org, Docker Hub {@code rclone/rclone}). */
    public static final ImageReference UPLOADER = new ImageReference("docker.io/rclone/rclone", "1.68.2", null);
    /** The drill schedule when the spec gives none: weekly, Sunday 04:30 UTC. */
    public static final String DEFAULT_DRILL_SCHEDULE = "30 4 * * 0";
    /** A schedule that never fires (31 February), for the on-demand restore CronJob. */
    public static final String NEVER = "0 0 31 2 *";
    /** Seconds a backup run may take before it is killed. */
    public static final long BACKUP_DEADLINE_SECONDS = 2 * 3600;
    /** Seconds a restore or drill run may take before it is killed. */
    public static final long RESTORE_DEADLINE_SECONDS = 4 * 3600;

    private static final ResourceRequirements CLIENT_RESOURCES = ComputeResources.of("100m", "256Mi", null, "512Mi");
    private static final ResourceRequirements UPLOADER_RESOURCES = ComputeResources.of("100m", "128Mi", null, "256Mi");
    private static final String DUMPS = "/backup";
    private static final String LATEST = DUMPS + "/latest.dump";

    private final PostgresObjects postgresObjects;

    private final KindContext context;

    BackupJobs(KindContext context, PostgresObjects postgresObjects) {
        this.context = context;
        this.postgresObjects = postgresObjects;
    }

    /** The ServiceAccount and the backup, restore and drill CronJobs; none without a backup. */
    List<HasMetadata> objects(PostgresComponent db) {
        if (db.backup() == null) {
            return List.of();
        }
        return List.of(
                ServiceAccounts.of(context.metadata().of(db.backupName(), context.labels().derived(db.backupName(), "backup", db.image())), false),
                backup(db), restore(db), drill(db));
    }

    /** The drill's schedule: the spec's, else {@link #DEFAULT_DRILL_SCHEDULE}. */
    static String drillSchedule(Backup backup) {
        return backup.drillSchedule() != null ? backup.drillSchedule() : DEFAULT_DRILL_SCHEDULE;
    }

    /** How old the newest successful backup may be: the schedule's longest gap, the run's deadline and {@link CronJobs#AGE_GRACE}. */
    public static Duration maxBackupAge(Backup backup, ScheduleGaps gaps) {
        return CronJobs.maxAge(backup.schedule(), BACKUP_DEADLINE_SECONDS, gaps);
    }

    /** How old the newest successful drill may be. */
    public static Duration maxDrillAge(Backup backup, ScheduleGaps gaps) {
        return CronJobs.maxAge(drillSchedule(backup), RESTORE_DEADLINE_SECONDS, gaps);
    }

    private CronJob backup(PostgresComponent db) {
        Backup backup = db.backup();
        ObjectStorage storage = ObjectStorage.parse(backup.destination());
        String pattern = dumpPattern(db);
        Container dump = Pods.container("dump", db.image(), PodSecurity.POSTGRES)
                .withCommand("sh", "-c", String.join("\n",
                        "set -eu",
                        "file=\"" + DUMPS + "/" + db.database() + "-`date -u +%Y%m%dT%H%M%SZ`.dump\"",
                        "pg_dump --format=custom --no-owner --no-privileges --file=\"$file\"",
                        "pg_restore --list \"$file\" > /dev/null",
                        "echo \"dumped $PGDATABASE to $file\""))
                .withEnv(postgresObjects.clientEnvironment(db))
                .withResources(CLIENT_RESOURCES)
                .withVolumeMounts(Pods.mount("dumps", DUMPS), Pods.mount("tmp", "/tmp"))
                .build();
        Container upload = uploader(UPLOAD_CONTAINER, db, storage, String.join("\n",
                "set -eu",
                "rclone copy " + DUMPS + " \"$" + REMOTE_VARIABLE + "\" --include \"" + pattern + "\"",
                "rclone delete \"$" + REMOTE_VARIABLE + "\" --include \"" + pattern + "\" --min-age \"$" + RETENTION_VARIABLE + "\"d",
                "echo \"uploaded to $" + REMOTE_VARIABLE + "; removed dumps older than $" + RETENTION_VARIABLE + " days\""),
                EnvironmentVariables.literal(RETENTION_VARIABLE, Integer.toString(backup.retentionDays())));
        PodSpec pod = podSpec(db, List.of(dump), List.of(upload), "OnFailure");
        return cronJob(db, db.backupName(), "backup", backup.schedule(), false, 2, BACKUP_DEADLINE_SECONDS, pod);
    }

    private CronJob restore(PostgresComponent db) {
        ObjectStorage storage = ObjectStorage.parse(db.backup().destination());
        Container download = uploader(DOWNLOAD_CONTAINER, db, storage, downloadScript(db, false));
        Container restore = Pods.container("restore", db.image(), PodSecurity.POSTGRES)
                .withCommand("sh", "-c", String.join("\n",
                        "set -eu",
                        "pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction"
                                + " --dbname=\"$PGDATABASE\" " + LATEST,
                        "echo \"restored $PGDATABASE from the newest dump\""))
                .withEnv(postgresObjects.clientEnvironment(db))
                .withResources(CLIENT_RESOURCES)
                .withVolumeMounts(Pods.mount("dumps", DUMPS), Pods.mount("tmp", "/tmp"))
                .build();
        PodSpec pod = podSpec(db, List.of(download), List.of(restore), "Never");
        return cronJob(db, db.restoreName(), "restore", NEVER, true, 0, RESTORE_DEADLINE_SECONDS, pod);
    }

    private CronJob drill(PostgresComponent db) {
        Backup backup = db.backup();
        ObjectStorage storage = ObjectStorage.parse(backup.destination());
        Container download = uploader(DOWNLOAD_CONTAINER, db, storage, downloadScript(db, true),
                EnvironmentVariables.literal(MAX_AGE_VARIABLE, Long.toString(maxBackupAge(backup, context.gaps()).toSeconds())));
        List<EnvVar> scratchClient = List.of(
                EnvironmentVariables.literal("PGHOST", "127.0.0.1"),
                EnvironmentVariables.literal("PGPORT", Integer.toString(PostgresComponent.DEFAULT_PORT)),
                EnvironmentVariables.literal("PGUSER", "postgres"),
                EnvironmentVariables.literal("PGDATABASE", db.database()));
        List<String> ready = List.of("sh", "-c", "exec pg_isready --host=127.0.0.1 --username=postgres");
        Container scratch = Pods.container("scratch-postgres", db.image(), PodSecurity.POSTGRES)
                .withRestartPolicy("Always")
                .withArgs("-c", "listen_addresses=127.0.0.1")
                .withEnv(
                        EnvironmentVariables.literal("POSTGRES_DB", db.database()),
                        EnvironmentVariables.literal("POSTGRES_USER", "postgres"),
                        // a throw-away server reachable only on the pod's loopback interface
                        EnvironmentVariables.literal("POSTGRES_HOST_AUTH_METHOD", "trust"),
                        EnvironmentVariables.literal("PGDATA", PostgresObjects.PGDATA))
                .withResources(ComputeResources.of(db.resources()))
                .withStartupProbe(Probes.exec(ready, Probes.STARTUP))
                .withReadinessProbe(Probes.exec(ready, Probes.READINESS))
                .withLivenessProbe(Probes.exec(ready, Probes.LIVENESS))
                .withVolumeMounts(
                        Pods.mount("scratch-data", PostgresObjects.DATA_MOUNT),
                        Pods.mount("run", "/var/run/postgresql"),
                        Pods.mount("tmp", "/tmp"),
                        Pods.mount("shm", "/dev/shm"))
                .build();
        Container check = Pods.container("drill", db.image(), PodSecurity.POSTGRES)
                .withCommand("sh", "-c", String.join("\n",
                        "set -eu",
                        "pg_restore --no-owner --no-privileges --exit-on-error --dbname=\"$PGDATABASE\" " + LATEST,
                        "tables=`psql --no-align --tuples-only --command=\"SELECT count(*) FROM information_schema.tables"
                                + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')\"`",
                        "if [ \"$tables\" -eq 0 ]; then",
                        "  echo \"restore drill FAILED: the newest dump restored no tables\" >&2",
                        "  exit 1",
                        "fi",
                        "echo \"restore drill passed: $tables tables restored\""))
                .withEnv(scratchClient)
                .withResources(CLIENT_RESOURCES)
                .withVolumeMounts(Pods.mount("dumps", DUMPS), Pods.mount("tmp", "/tmp"))
                .build();
        PodSpec pod = podSpec(db, List.of(download, scratch), List.of(check), "Never",
                dataVolume("scratch-data", db), Pods.scratch("run"), Pods.memory("shm", PostgresObjects.SHARED_MEMORY));
        return cronJob(db, db.drillName(), "restore-drill", drillSchedule(backup), false, 0, RESTORE_DEADLINE_SECONDS, pod);
    }

    /** The dump files of a database: {@code <database>-<UTC timestamp>.dump}, whose names sort by time. */
    private static String dumpPattern(PostgresComponent db) {
        return db.database() + "-*.dump";
    }

    /**
     * Downloads the newest dump in {@link #REMOTE_VARIABLE} to {@link #LATEST}. The script is the same
     * in every environment (what differs, the remote and the age bound, is in environment variables),
     * so a Helm chart carries it once.
     *
     * @param bounded whether dumps older than {@link #MAX_AGE_VARIABLE} seconds are ignored, so a stale
     *                backup fails the run (the drill)
     */
    private static String downloadScript(PostgresComponent db, boolean bounded) {
        String remote = "$" + REMOTE_VARIABLE;
        String ageFilter = bounded ? " --max-age \"$" + MAX_AGE_VARIABLE + "\"s" : "";
        String missing = bounded
                ? "restore drill FAILED: no dump matching " + dumpPattern(db) + " in " + remote
                        + " is younger than $" + MAX_AGE_VARIABLE + " s; backups are missing or failing"
                : "no dump matching " + dumpPattern(db) + " in " + remote;
        return String.join("\n",
                "set -eu",
                "latest=`rclone lsf --files-only --include \"" + dumpPattern(db) + "\"" + ageFilter + " \""
                        + remote + "\" | sort | tail -n 1`",
                "if [ -z \"$latest\" ]; then",
                "  echo \"" + missing + "\" >&2",
                "  exit 1",
                "fi",
                "rclone copyto \"" + remote + "/$latest\" " + LATEST,
                "echo \"downloaded $latest\"");
    }

    /**
     * An rclone container with the object storage remote and the backup secret's credentials; with
     * no backup secret (workload identity), rclone's {@code env_auth} finds the pod's cloud identity.
     */
    private Container uploader(String name, PostgresComponent db, ObjectStorage storage, String script, EnvVar... more) {
        List<EnvFromSource> credentials = db.backup().credentials() == null ? List.of()
                : List.of(new EnvFromSourceBuilder().withNewSecretRef()
                        .withName(context.env().secretName(db.backup().credentials(), db.location()))
                        .endSecretRef().build());
        return Pods.container(name, db.backup().uploaderImage() != null ? db.backup().uploaderImage() : UPLOADER, PodSecurity.POSTGRES)
                .withCommand("sh", "-c", script)
                .withEnv(storage.environment())
                .addToEnv(EnvironmentVariables.literal(REMOTE_VARIABLE, storage.remote()))
                .addToEnv(more)
                .withEnvFrom(credentials)
                .withResources(UPLOADER_RESOURCES)
                .withVolumeMounts(Pods.mount("dumps", DUMPS), Pods.mount("tmp", "/tmp"))
                .build();
    }

    private PodSpec podSpec(PostgresComponent db, List<Container> init, List<Container> main, String restartPolicy,
                            Volume... extraVolumes) {
        List<Volume> volumes = new ArrayList<>(List.of(dataVolume("dumps", db), Pods.scratch("tmp")));
        volumes.addAll(List.of(extraVolumes));
        return Pods.spec(db.backupName(), false, PodSecurity.POSTGRES)
                .withRestartPolicy(restartPolicy)
                .withInitContainers(init)
                .withContainers(main)
                .withVolumes(volumes)
                .build();
    }

    /**
     * The volume a dump is written to, or the drill's scratch server restores into: a generic ephemeral
     * volume (a claim created with the pod and deleted with it, from the StorageClass's provisioner),
     * not an {@code emptyDir} on the node's disk, which a dump of a large database would fill, evicting
     * the node's other pods. Sized by {@code backup.scratch.size}, by default the database's storage
     * (an upper bound for a compressed custom-format dump; the restored copy needs as much).
     * Pod Security {@code restricted} allows the {@code ephemeral} volume type
     * (https://kubernetes.io/docs/concepts/storage/ephemeral-volumes/#generic-ephemeral-volumes).
     */
    private static Volume dataVolume(String name, PostgresComponent db) {
        Backup backup = db.backup();
        String size = backup.scratchSize() != null ? backup.scratchSize()
                : db.storage() != null ? db.storage() : PostgresKind.DEFAULT_STORAGE;
        String storageClass = backup.scratchStorageClass() != null ? backup.scratchStorageClass() : db.storageClass();
        return new VolumeBuilder().withName(name)
                .withNewEphemeral().withNewVolumeClaimTemplate()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withStorageClassName(storageClass)
                .withNewResources().addToRequests("storage", new Quantity(size)).endResources()
                .endSpec()
                .endVolumeClaimTemplate().endEphemeral()
                .build();
    }

    private CronJob cronJob(PostgresComponent db, String name, String role, String schedule, boolean suspend,
                            int backoffLimit, long deadlineSeconds, PodSpec pod) {
        Map<String, String> podLabels = context.labels().derived(db.backupName(), role, db.image());
        return CronJobs.of(context.metadata().of(name, podLabels), podLabels,
                CronJobs.Settings.forbid(schedule, suspend, backoffLimit, deadlineSeconds), pod);
    }
}
