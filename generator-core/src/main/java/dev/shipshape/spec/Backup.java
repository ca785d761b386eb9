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
 */
public record Backup(String schedule, int retentionDays, String destination, String credentials, String drillSchedule,
                     ImageReference uploaderImage) {

    /** A backup with the default uploader image. */
    public Backup(String schedule, int retentionDays, String destination, String credentials, String drillSchedule) {
        this(schedule, retentionDays, destination, credentials, drillSchedule, null);
    }
}
