package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * batch/v1 CronJobs with the hygiene every scheduled job shipshape emits follows (policy
 * {@code backup-job-hygiene}, {@code cronjob-deadline}): an explicit time zone, a concurrency
 * policy, a starting deadline, bounded retries and run time, and bounded history, so runs cannot
 * pile up or hang and the last failure stays readable; and how old the newest success of a
 * schedule may be before it alerts ({@link #maxAge}, with {@link AlertRules#lastSuccessTooOld} and
 * {@link AlertRules#jobFailed}). Used by the {@code cronjob} kind and by the backup jobs of
 * {@code postgres} and {@code stateful}.
 */
public final class CronJobs {

    /** The time zone of a schedule that names none: UTC, as the spec documents. */
    public static final String UTC = "Etc/UTC";
    /** {@code concurrencyPolicy}: a run does not start while the previous one still runs. */
    public static final String FORBID = "Forbid";
    /** Finished Jobs kept, per outcome, for {@code kubectl logs}. */
    public static final int HISTORY_LIMIT = 3;
    /** Seconds after a missed start that one of shipshape's own jobs (backups, drills) still starts. */
    public static final long STARTING_DEADLINE_SECONDS = 3600;
    /** Slack added to a schedule's longest gap and a run's deadline before the newest success counts as too old. */
    public static final Duration AGE_GRACE = Duration.ofHours(1);

    private CronJobs() {
    }

    /**
     * When and how a CronJob runs.
     *
     * @param schedule                   five-field cron schedule
     * @param timeZone                   IANA time zone the schedule is read in (batch/v1 {@code timeZone})
     * @param suspend                    whether no run is scheduled (on-demand jobs)
     * @param concurrencyPolicy          {@code Forbid} or {@code Replace}
     * @param startingDeadlineSeconds    seconds after a missed start that a run still starts
     * @param backoffLimit               retries of a failed run
     * @param activeDeadlineSeconds      seconds a run may take before it is killed
     * @param successfulJobsHistoryLimit finished successful Jobs kept
     * @param failedJobsHistoryLimit     failed Jobs kept
     */
    public record Settings(String schedule, String timeZone, boolean suspend, String concurrencyPolicy,
                           long startingDeadlineSeconds, int backoffLimit, long activeDeadlineSeconds,
                           int successfulJobsHistoryLimit, int failedJobsHistoryLimit) {

        /**
         * The settings of shipshape's own jobs (backups, restores, drills): the schedule read in
         * {@link #UTC}, {@link #FORBID}, {@link #STARTING_DEADLINE_SECONDS}, {@link #HISTORY_LIMIT} of each outcome.
         *
         * @param schedule              five-field cron schedule, UTC
         * @param suspend               whether it only runs on demand ({@code kubectl create job --from=cronjob/<name>})
         * @param backoffLimit          retries of a failed run
         * @param activeDeadlineSeconds seconds a run may take before it is killed
         */
        public static Settings forbid(String schedule, boolean suspend, int backoffLimit, long activeDeadlineSeconds) {
            return new Settings(schedule, UTC, suspend, FORBID, STARTING_DEADLINE_SECONDS, backoffLimit, activeDeadlineSeconds,
                    HISTORY_LIMIT, HISTORY_LIMIT);
        }
    }

    /**
     * A CronJob whose Jobs and pods carry {@code podLabels}.
     *
     * @param metadata  the CronJob's metadata
     * @param podLabels the labels of its Jobs and pod template
     * @param settings  schedule, deadlines, retries and history
     * @param pod       the pod spec (its restartPolicy {@code OnFailure} or {@code Never})
     */
    public static CronJob of(ObjectMeta metadata, Map<String, String> podLabels, Settings settings, PodSpec pod) {
        // assembled from the parts, not with fabric8's builders: a builder copies the pod spec it is
        // given (and build() copies it again), the largest part of the object, and no caller keeps it
        PodTemplateSpec template = new PodTemplateSpec();
        template.setMetadata(labelled(podLabels));
        template.setSpec(pod);
        JobSpec job = new JobSpec();
        job.setBackoffLimit(settings.backoffLimit());
        job.setActiveDeadlineSeconds(settings.activeDeadlineSeconds());
        job.setTemplate(template);
        JobTemplateSpec jobTemplate = new JobTemplateSpec();
        jobTemplate.setMetadata(labelled(podLabels));
        jobTemplate.setSpec(job);
        CronJobSpec spec = new CronJobSpec();
        spec.setSchedule(settings.schedule());
        spec.setTimeZone(settings.timeZone());
        spec.setSuspend(settings.suspend());
        spec.setConcurrencyPolicy(settings.concurrencyPolicy());
        spec.setStartingDeadlineSeconds(settings.startingDeadlineSeconds());
        spec.setSuccessfulJobsHistoryLimit(settings.successfulJobsHistoryLimit());
        spec.setFailedJobsHistoryLimit(settings.failedJobsHistoryLimit());
        spec.setJobTemplate(jobTemplate);
        CronJob cronJob = new CronJob();
        cronJob.setMetadata(metadata);
        cronJob.setSpec(spec);
        return cronJob;
    }

    private static ObjectMeta labelled(Map<String, String> labels) {
        ObjectMeta metadata = new ObjectMeta();
        metadata.setLabels(new LinkedHashMap<>(labels));
        return metadata;
    }

    /**
     * How old the newest success of a schedule may be: its longest gap between two runs, the run's
     * deadline and {@link #AGE_GRACE}.
     *
     * @param schedule        five-field cron schedule
     * @param deadlineSeconds seconds a run may take ({@code activeDeadlineSeconds})
     */
    public static Duration maxAge(String schedule, long deadlineSeconds, ScheduleGaps gaps) {
        return gaps.longestGap(schedule).plusSeconds(deadlineSeconds).plus(AGE_GRACE);
    }
}
