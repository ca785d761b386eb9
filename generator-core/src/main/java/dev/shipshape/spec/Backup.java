package dev.shipshape.spec;

/**
 * Logical backups of a PostgreSQL database to object storage.
 *
 * @param schedule      cron schedule of the backup (five fields, UTC)
 * @param retentionDays how many days backups are kept
 * @param destination   object storage URI: {@code s3://bucket/prefix}, {@code gs://bucket/prefix} or {@code azure://container/prefix}
 * @param credentials   name of the spec secret with the object storage credentials
 * @param drillSchedule cron schedule of the restore drill that proves the latest backup restores
 */
public record Backup(String schedule, int retentionDays, String destination, String credentials, String drillSchedule) {
}
