package dev.shipshape.kind.job;

import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.AppContainers;
import dev.shipshape.model.KindContext;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.ContainerSecurity;
import dev.shipshape.spec.JsonPointers;
import dev.shipshape.spec.SpecChecks;
import dev.shipshape.spec.Workload;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code job} kind: a run-to-completion task, above all a database migration, that must
 * succeed before the components in {@code before} serve a new version. Its Job is named per
 * content ({@link JobObjects}), so a new image is a new Job instead of a failed apply of an
 * immutable pod template; it always has a deadline and bounded retries. In the Helm chart it is a
 * {@code post-install,pre-upgrade} hook (see {@code dev.shipshape.render.helm.HelmHooks}); under
 * Flux and kubectl, a first stage applies it before the {@code before} workloads
 * ({@link dev.shipshape.model.JobStages}); its NetworkPolicy admits nothing and lets it reach what it {@code uses}; it alerts when it failed.
 */
public final class JobKind implements ComponentKind<JobComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "job";
    /** Retries of a failed run, when the spec gives none (the schema's default). */
    static final int DEFAULT_BACKOFF_LIMIT = 3;
    /** Seconds the run may take, when the spec gives none (the schema's default). */
    static final int DEFAULT_ACTIVE_DEADLINE_SECONDS = 600;
    /** The longest component name whose Job name ({@code <name>-<8 hex>}) is still a DNS label of 63 characters. */
    static final int MAX_NAME_LENGTH = 63 - 1 - JobObjects.HASH_LENGTH;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<JobComponent> componentClass() {
        return JobComponent.class;
    }

    @Override
    public JobComponent bind(ComponentNode node) {
        return new JobComponent(
                node.name(),
                node.pod(ContainerSecurity.DEFAULT_USER),
                node.integer("backoffLimit", DEFAULT_BACKOFF_LIMIT),
                node.integer("activeDeadlineSeconds", DEFAULT_ACTIVE_DEADLINE_SECONDS),
                node.present("ttlSecondsAfterFinished") ? Integer.valueOf(node.integer("ttlSecondsAfterFinished", 0)) : null,
                node.resources("100m", "256Mi"),
                node.env(),
                node.texts("uses"),
                node.egress(),
                node.envFromSecrets(),
                node.texts("before"),
                node.location());
    }

    /**
     * A name short enough for its Job name, and each {@code before} entry another component that
     * runs a long-lived workload (a Deployment or StatefulSet, whose new version must wait).
     */
    @Override
    public void check(JobComponent job, SpecChecks checks) {
        String at = SpecChecks.pointer(job);
        if (job.name().length() > MAX_NAME_LENGTH) {
            checks.problem(at, "Job component `" + job.name() + "` has " + job.name().length() + " characters; its Job is named `"
                            + job.name() + "-<8 hex digits>`, which must fit in 63.",
                    "Shorten the name to at most " + MAX_NAME_LENGTH + " characters.");
        }
        for (int i = 0; i < job.before().size(); i++) {
            String dependent = job.before().get(i);
            String pointer = JsonPointers.child(at + "/before", i);
            if (dependent.equals(job.name())) {
                checks.problem(pointer, "Job `" + job.name() + "` lists itself in `before`.",
                        "Remove `" + dependent + "` from its before; list the components that must wait for it.");
                continue;
            }
            checks.component(dependent, pointer, "Job `" + job.name() + "` runs before `" + dependent + "`")
                    .filter(target -> !longLived(target))
                    .ifPresent(target -> checks.problem(pointer, "Job `" + job.name() + "` runs before `" + dependent + "`, a " + target.type()
                                    + " that runs no long-lived workload (Deployment or StatefulSet) whose new version could wait for it.",
                            "Remove `" + dependent + "` from the before of `" + job.name()
                                    + "`; name the web, worker or stateful components that need the job's result."));
        }
    }

    private static boolean longLived(Component component) {
        return component.workload().map(Workload::kind)
                .filter(kind -> kind.equals(Workload.DEPLOYMENT) || kind.equals(Workload.STATEFUL_SET)).isPresent();
    }

    @Override
    public void contribute(JobComponent job, KindContext context) {
        Map<String, String> labels = context.labels().component(job);
        AppContainers containers = new AppContainers(context);
        var object = JobObjects.of(job, context.metadata(), labels, containers.podAnnotations(job), containers.pod(job)
                .withRestartPolicy("Never")
                .withContainers(containers.container(job, List.of()).build())
                .build());
        List<HasMetadata> objects = new ArrayList<>(List.of(containers.serviceAccount(job)));
        objects.addAll(containers.objects(job));
        objects.add(object);
        context.add(job.location(), objects);
        context.add(job.location(), context.networkPolicies().workload(job, List.of(), List.of()));
    }

    /** Its current Job failed: all retries or the deadline used up (the release that waits for it is blocked). */
    @Override
    public List<AlertRule> alerts(JobComponent job, AlertRules rules) {
        return List.of(rules.failedJobs("jobs", "JobFailed", JobObjects.namePattern(job.name()), "critical", job.name(),
                "job " + job.name() + " failed" + (job.before().isEmpty() ? "" : "; " + String.join(", ", job.before()) + " must not roll out before it succeeds")));
    }

    @Override
    public RunbookFacts runbook(JobComponent job) {
        return RunbookFacts.stateless("Job `" + job.name() + "-<hash>`" + (job.before().isEmpty() ? "" : ", before " + String.join(", ", job.before().stream().map(n -> "`" + n + "`").toList())),
                "runs once per version; rerun: `kubectl delete job -l app.kubernetes.io/name=" + job.name()
                        + "`, then `flux reconcile kustomization <app> --with-source` (Kustomize) or `helm upgrade` (Helm runs the hook again)");
    }
}
