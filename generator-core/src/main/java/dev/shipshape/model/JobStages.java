package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How an environment's run-to-completion tasks are ordered before the components that wait for
 * them ({@link Component#before()}) under Flux: a first stage applies the environment's objects
 * without the waiting workloads ({@link KustomizeBuild#jobs}), so the Namespace, ServiceAccounts,
 * NetworkPolicies and the database the jobs need exist, and health-checks the Jobs; the
 * application's Kustomization, which applies everything, depends on it.
 *
 * @param jobs            the Jobs that must complete first, sorted
 * @param heldBack        the Deployments and StatefulSets that wait for them, sorted
 * @param deadlineSeconds the longest {@code activeDeadlineSeconds} of the Jobs
 */
public record JobStages(List<ObjectKey> jobs, List<ObjectKey> heldBack, long deadlineSeconds) {

    public JobStages {
        jobs = List.copyOf(jobs);
        heldBack = List.copyOf(heldBack);
    }

    /**
     * The stages of one view, or empty when no component of it runs before another.
     *
     * @param app     the view's application
     * @param objects the view's objects
     */
    public static Optional<JobStages> of(Application app, List<HasMetadata> objects) {
        Set<String> tasks = new TreeSet<>();
        Set<ObjectKey> heldBack = new TreeSet<>();
        for (Component component : app.components()) {
            if (component.before().isEmpty()) {
                continue;
            }
            tasks.add(component.name());
            component.before().stream()
                    .flatMap(name -> app.component(name).flatMap(Component::workload).stream())
                    .forEach(workload -> objects.stream()
                            .filter(o -> o.getKind().equals(workload.kind()) && o.getMetadata().getName().equals(workload.name()))
                            .forEach(o -> heldBack.add(ObjectKey.of(o))));
        }
        List<Job> jobs = objects.stream().filter(Job.class::isInstance).map(Job.class::cast)
                .filter(job -> tasks.contains(job.getMetadata().getLabels().get(Labels.NAME)))
                .toList();
        if (jobs.isEmpty() || heldBack.isEmpty()) {
            return Optional.empty();
        }
        long deadline = jobs.stream().mapToLong(job -> job.getSpec().getActiveDeadlineSeconds()).max().orElseThrow();
        return Optional.of(new JobStages(jobs.stream().map(ObjectKey::of).sorted().toList(), List.copyOf(heldBack), deadline));
    }
}
