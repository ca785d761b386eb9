package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;

import java.time.Duration;
import java.util.Map;

/**
 * CronJobs with the hygiene the backup-job-hygiene and cronjob-deadline policies ask for
 * ({@code concurrencyPolicy: Forbid}, a starting deadline, a run deadline, bounded retries and
 * history, schedules read in UTC), and the alerts every scheduled job needs: the newest success is
 * older than its schedule allows, and a run failed (kube-state-metrics {@code kube_cronjob_*},
 * {@code kube_job_status_failed}).
 */
public final class ScheduledJobs {

    /** Every schedule is read in UTC, as the spec documents. */
    public static final String TIME_ZONE = "Etc/UTC";
    /** Seconds after a missed start that a run still starts. */
    public static final long STARTING_DEADLINE_SECONDS = 3600;
    /** Finished Jobs kept, successful and failed each, for {@code kubectl logs}. */
    public static final int HISTORY_LIMIT = 3;
    /** Slack added to a schedule's longest gap and a run's deadline before the newest success counts as too old. */
    public static final Duration AGE_GRACE = Duration.ofHours(1);

    private ScheduledJobs() {
    }

    /**
     * A CronJob.
     *
     * @param meta            the CronJob's metadata
     * @param podLabels       labels of its Jobs and pods
     * @param schedule        five-field cron schedule, UTC
     * @param suspend         whether it only runs on demand ({@code kubectl create job --from=cronjob/<name>})
     * @param backoffLimit    retries of a failed pod
     * @param deadlineSeconds seconds a run may take before it is killed ({@code activeDeadlineSeconds})
     * @param pod             the pod spec (its restart policy {@code OnFailure} or {@code Never})
     */
    public static CronJob cronJob(ObjectMeta meta, Map<String, String> podLabels, String schedule, boolean suspend,
                                  int backoffLimit, long deadlineSeconds, PodSpec pod) {
        return new CronJobBuilder().withMetadata(meta)
                .withNewSpec()
                .withSchedule(schedule)
                .withTimeZone(TIME_ZONE)
                .withSuspend(suspend)
                .withConcurrencyPolicy("Forbid")
                .withStartingDeadlineSeconds(STARTING_DEADLINE_SECONDS)
                .withSuccessfulJobsHistoryLimit(HISTORY_LIMIT)
                .withFailedJobsHistoryLimit(HISTORY_LIMIT)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(podLabels).endMetadata()
                .withNewSpec()
                .withBackoffLimit(backoffLimit)
                .withActiveDeadlineSeconds(deadlineSeconds)
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).endMetadata()
                .withSpec(pod)
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build();
    }

    /** How old the newest success of a schedule may be: its longest gap, the run's deadline and {@link #AGE_GRACE}. */
    public static Duration maxAge(String schedule, long deadlineSeconds, ScheduleGaps gaps) {
        return gaps.longestGap(schedule).plusSeconds(deadlineSeconds).plus(AGE_GRACE);
    }

    /**
     * A critical alert when the newest successful run of a CronJob is older than {@code maxAge}.
     *
     * @param what the run, a noun phrase (for example {@code the newest successful backup of db})
     */
    public static AlertRule tooOld(AlertRules rules, String group, String alert, String cronJob, Duration maxAge,
                                   String component, String what) {
        return new AlertRule(group, alert, "time() - kube_cronjob_status_last_successful_time" + rules.select("cronjob", cronJob)
                + " > " + maxAge.toSeconds(), null, "critical", component, what + " is older than " + maxAge.toHours() + " hours");
    }

    /** A critical alert when a Job of a CronJob failed (Jobs are named {@code <cronjob>-<schedule time>}). */
    public static AlertRule failed(AlertRules rules, String group, String alert, String cronJob, String component, String summary) {
        return new AlertRule(group, alert, "kube_job_status_failed{namespace=\"" + rules.namespace() + "\", job_name=~\"" + cronJob
                + "-[0-9]+\"} > 0", null, "critical", component, summary);
    }
}
