package dev.shipshape.kind.cronjob;

import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.AppContainers;
import dev.shipshape.model.CronJobs;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.ObjectExemption;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.spec.ContainerSecurity;
import dev.shipshape.spec.SpecChecks;
import dev.shipshape.spec.TreeValues;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code cronjob} kind: the application's own scheduled task — a batch/v1 CronJob with the
 * hygiene of shipshape's backup jobs ({@link CronJobs}: Forbid by default, deadlines, bounded
 * retries and history, an explicit time zone), a NetworkPolicy that admits nothing and reaches what
 * it {@code uses}, and alerts when the latest run failed or no run succeeded for longer than its
 * schedule allows.
 */
public final class CronJobKind implements ComponentKind<CronJobComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "cronjob";
    /** Seconds after a missed start that a run still starts, when the spec gives none. */
    static final int DEFAULT_STARTING_DEADLINE_SECONDS = 600;
    /** Seconds a run may take, when the spec gives none. */
    static final int DEFAULT_ACTIVE_DEADLINE_SECONDS = 3600;
    /** Retries of a failed run, when the spec gives none. */
    static final int DEFAULT_BACKOFF_LIMIT = 2;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<CronJobComponent> componentClass() {
        return CronJobComponent.class;
    }

    @Override
    public CronJobComponent bind(ComponentNode node) {
        return new CronJobComponent(
                node.name(),
                node.pod(ContainerSecurity.DEFAULT_USER),
                new CronJobs.Settings(node.text("schedule", null), node.text("timeZone", CronJobs.UTC),
                        TreeValues.bool(node.node(), "suspend", false), node.text("concurrencyPolicy", CronJobs.FORBID),
                        node.integer("startingDeadlineSeconds", DEFAULT_STARTING_DEADLINE_SECONDS),
                        node.integer("backoffLimit", DEFAULT_BACKOFF_LIMIT),
                        node.integer("activeDeadlineSeconds", DEFAULT_ACTIVE_DEADLINE_SECONDS),
                        node.integer("successfulJobsHistoryLimit", CronJobs.HISTORY_LIMIT),
                        node.integer("failedJobsHistoryLimit", CronJobs.HISTORY_LIMIT)),
                node.resources("100m", "256Mi"),
                node.env(),
                node.texts("uses"),
                node.egress(),
                node.envFromSecrets(),
                node.location());
    }

    /** A valid schedule in a time zone the IANA database knows. */
    @Override
    public void check(CronJobComponent cronJob, SpecChecks checks) {
        String at = SpecChecks.pointer(cronJob);
        checks.cron(cronJob.settings().schedule(), at + "/schedule");
        String zone = cronJob.settings().timeZone();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            checks.problem(at + "/timeZone", "`" + zone + "` is not a time zone of the IANA database, which CronJobs read.",
                    "Write a zone such as `Etc/UTC`, `Europe/Berlin` or `America/New_York`.");
        }
    }

    @Override
    public void contribute(CronJobComponent cronJob, KindContext context) {
        Map<String, String> labels = context.labels().component(cronJob);
        AppContainers containers = new AppContainers(context);
        CronJob object = CronJobs.of(context.metadata().of(cronJob.name(), labels), labels, cronJob.settings(),
                containers.pod(cronJob)
                        .withRestartPolicy("Never")
                        .withContainers(containers.container(cronJob, List.of()).build())
                        .build());
        List<HasMetadata> objects = new ArrayList<>(List.of(containers.serviceAccount(cronJob)));
        objects.addAll(containers.objects(cronJob));
        objects.add(object);
        context.add(cronJob.location(), objects);
        context.add(cronJob.location(), context.networkPolicies().workload(cronJob, List.of(), List.of()));
        if (!CronJobs.FORBID.equals(cronJob.settings().concurrencyPolicy())) {
            context.exempt(List.of(new ObjectExemption("backup-job-hygiene", ObjectKey.of(object),
                    "the spec sets `concurrencyPolicy: " + cronJob.settings().concurrencyPolicy()
                            + "` for " + cronJob.name() + ": a late run is stopped when the next one is due")));
        }
    }

    /**
     * Unless suspended: the latest run failed ({@code kube_cronjob_status_last_schedule_time} after
     * the last success, and older than the run deadline, so it is over), and no run succeeded for
     * longer than the schedule's longest gap, the run deadline and {@link CronJobs#AGE_GRACE} (runs missed).
     */
    @Override
    public List<AlertRule> alerts(CronJobComponent cronJob, AlertRules rules) {
        CronJobs.Settings settings = cronJob.settings();
        if (settings.suspend()) {
            return List.of();
        }
        AlertRule failed = rules.latestRunFailed("jobs", "CronJobFailed", cronJob.name(), settings.activeDeadlineSeconds(), "warning",
                cronJob.name(), "the latest run of " + cronJob.name() + " did not succeed");
        Duration maxAge = CronJobs.maxAge(settings.schedule(), settings.activeDeadlineSeconds(), rules.gaps());
        return List.of(failed, rules.lastSuccessTooOld("jobs", "CronJobMissed", cronJob.name(), maxAge, "warning", cronJob.name(),
                "the newest successful run of " + cronJob.name()));
    }

    @Override
    public RunbookFacts runbook(CronJobComponent cronJob) {
        CronJobs.Settings settings = cronJob.settings();
        return RunbookFacts.stateless("CronJob `" + cronJob.name() + "`",
                (settings.suspend() ? "suspended" : "`" + settings.schedule() + "` (" + settings.timeZone() + ")")
                        + "; run now: `kubectl create job --from=cronjob/" + cronJob.name() + " " + cronJob.name() + "-manual-$(date +%s)`");
    }
}
