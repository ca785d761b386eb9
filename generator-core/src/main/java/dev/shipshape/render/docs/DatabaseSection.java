package dev.shipshape.render.docs;

import java.util.List;

/**
 * One database: where it runs, its backups per environment and the commands that check, restore
 * and drill them. Command strings are complete shell lines.
 *
 * @param name              component name
 * @param database          database name inside the server
 * @param server            where the server runs, one sentence
 * @param external          true for a managed server outside the cluster
 * @param backups           backup settings per environment that has a backup
 * @param unprotected       environments without a backup, comma separated, or empty
 * @param backupCronJob     name of the backup CronJob
 * @param checkCommands     commands that show the last backup run
 * @param writers           the components that use the database, comma separated, or empty
 * @param quiesceCommands   commands that stop writes before a restore
 * @param restoreCommand    the command that starts a restore Job from the suspended restore CronJob
 * @param watchCommand      the command that follows the restore Job
 * @param resumeCommands    commands that bring the writers back after the restore
 * @param restoreCronJob    name of the suspended restore CronJob
 * @param drillCronJob      name of the restore drill CronJob
 * @param drillCommand      the command that runs the drill now
 * @param readReplicas      its streaming read replicas, or {@code null} when none run
 */
record DatabaseSection(
        String name,
        String database,
        String server,
        boolean external,
        List<BackupRow> backups,
        String unprotected,
        String backupCronJob,
        List<String> checkCommands,
        String writers,
        List<String> quiesceCommands,
        String restoreCommand,
        String watchCommand,
        List<String> resumeCommands,
        String restoreCronJob,
        String drillCronJob,
        String drillCommand,
        ReplicaSection readReplicas) {

    /** True when some environment backs this database up. */
    boolean hasBackups() {
        return !backups.isEmpty();
    }

    /** True when a list command is known for some backup destination. */
    boolean hasListCommands() {
        return backups.stream().anyMatch(BackupRow::hasListCommand);
    }

    /** True when some environment has no backup of this database. */
    boolean hasUnprotected() {
        return !unprotected.isEmpty();
    }

    /**
     * How to check, promote and rebuild the read replicas of a database. Command strings are complete shell lines.
     *
     * @param primary          the primary's StatefulSet
     * @param statefulSet      the replicas' StatefulSet and read Service
     * @param count            how many replicas run
     * @param slots            the replication slots, comma separated, in back quotes
     * @param statusCommands   commands that show replication on the primary and the replay delay on a replica
     * @param rebuildCommands  commands that rebuild replica {@code <i>} from the primary
     * @param promoteCommands  commands that stop the primary, promote replica 0 and send the primary's Service to it
     * @param reinstateCommands commands that back up the promoted replica, start an empty primary, restore into it and resume
     */
    record ReplicaSection(String primary, String statefulSet, int count, String slots, List<String> statusCommands,
                          List<String> rebuildCommands, List<String> promoteCommands, List<String> reinstateCommands) {
    }

    /**
     * One environment's backup of a database.
     *
     * @param environment   environment name
     * @param destination   object storage URI
     * @param schedule      cron schedule, five fields, UTC
     * @param retentionDays days backups are kept
     * @param rpo           the recovery point objective the schedule implies, in words
     * @param drillSchedule cron schedule of the restore drill
     * @param listCommand   the object storage CLI command that lists the backups, or empty
     */
    record BackupRow(String environment, String destination, String schedule, int retentionDays, String rpo,
                     String drillSchedule, String listCommand) {

        /** True when a list command is known for the destination's scheme. */
        boolean hasListCommand() {
            return !listCommand.isEmpty();
        }
    }
}
