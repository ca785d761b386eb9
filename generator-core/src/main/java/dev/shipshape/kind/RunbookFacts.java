package dev.shipshape.kind;

import dev.shipshape.spec.Backup;

/**
 * What the disaster-recovery runbook states about one component of one view: a row of the
 * component table and, for a component holding data, how that data is protected.
 *
 * @param workload        where it runs, one phrase in Markdown (for example {@code StatefulSet `db`, 10Gi volume})
 * @param scaling         how many pods run, one phrase (for example {@code 1 replica})
 * @param dataStore       the data it holds and its backups, or {@code null} when it holds none that is backed up
 * @param unprotectedData one sentence on data it holds that no backup covers, or {@code null}
 */
public record RunbookFacts(String workload, String scaling, DataStore dataStore, String unprotectedData) {

    /** A component that holds no data. */
    public static RunbookFacts stateless(String workload, String scaling) {
        return new RunbookFacts(workload, scaling, null, null);
    }

    /**
     * Data a component holds and how it is backed up and restored.
     *
     * @param database       the data set's name inside the server (a PostgreSQL database)
     * @param server         where the server runs, one Markdown sentence
     * @param external       whether the server runs outside the cluster (its provider's backups come first)
     * @param backup         the backup of this view, or {@code null} when it has none
     * @param backupCronJob  name of the backup CronJob
     * @param restoreCronJob name of the suspended restore CronJob
     * @param drillCronJob   name of the restore drill CronJob
     * @param readReplicas   its streaming read replicas, or {@code null} when none run
     */
    public record DataStore(String database, String server, boolean external, Backup backup,
                            String backupCronJob, String restoreCronJob, String drillCronJob, ReadReplicas readReplicas) {
    }

    /**
     * Hot standbys that stream from a primary StatefulSet.
     *
     * @param primary     the primary's StatefulSet (its one pod is {@code <primary>-0}) and container
     * @param statefulSet the replicas' StatefulSet, headless Service and container
     * @param count       how many replicas run
     * @param slots       the physical replication slot of each replica pod, by ordinal
     */
    public record ReadReplicas(String primary, String statefulSet, int count, java.util.List<String> slots) {
    }
}
