package dev.shipshape.spec;

/**
 * Logical backups of a PostgreSQL database to object storage.
 *
 * @param schedule      cron schedule of the backup (five fields, UTC)
 * @param retentionDays how many days backups are kept
 * @param destination   object storage URI: {@code s3://bucket/prefix}, {@code gs://bucket/prefix} or {@code azure://container/prefix}
 * @param credentials   name of the spec secret with the object storage credentials
 * @param drillSchedule cron schedule of the restore drill that proves the latest backup restores
 * @param uploaderImage the rclone image that copies dumps to and from object storage, or {@code null} for the
 *                      pinned default (settable so a platform can pin it by digest or pull it from its own registry)
 * @param scratchSize   the size of the volume a dump is written to (and the drill's scratch server restores
 *                      into), a Kubernetes quantity in bytes ({@code 20Gi}), or {@code null} for the database's storage size
 * @param scratchStorageClass the StorageClass of that volume, or {@code null} for the database's (else the cluster default)
 */
public record Backup(String schedule, int retentionDays, String destination, String credentials, String drillSchedule,
                     ImageReference uploaderImage, String scratchSize, String scratchStorageClass) {

    /** A backup with the default uploader image and scratch volume. */
    public Backup(String schedule, int retentionDays, String destination, String credentials, String drillSchedule) {
        this(schedule, retentionDays, destination, credentials, drillSchedule, null, null, null);
    }
}
