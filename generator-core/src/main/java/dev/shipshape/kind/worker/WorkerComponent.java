package dev.shipshape.kind.worker;

import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.PodComponent;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Workload;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A long-running process with no port and no Service (a queue consumer: Celery, Sidekiq, RQ): a
 * Deployment, optionally autoscaled on CPU or, through KEDA, on a queue's length; or a singleton
 * (a scheduler such as Celery beat) that never runs twice.
 *
 * @param name                          component name
 * @param pod                           image, process, securityContext, volumes and the other pod settings
 * @param probes                        the declared probes, each {@code null} when not declared (startup
 *                                      then repeats liveness)
 * @param resources                     requests and limits
 * @param replicas                      fixed replica count, used without autoscaling (1 for a singleton)
 * @param autoscaling                   HorizontalPodAutoscaler bounds on CPU, or {@code null}
 * @param queueScaling                  KEDA ScaledObject scaling, or {@code null}
 * @param singleton                     whether at most one pod may run (Recreate, no autoscaling)
 * @param terminationGracePeriodSeconds seconds from SIGTERM to SIGKILL, for the current task to finish
 * @param env                           environment variables, in spec order
 * @param uses                          components this one connects to
 * @param egress                        destinations outside the cluster its pods call
 * @param envFromSecrets                spec secrets whose keys all become env variables ({@code envFrom})
 * @param location                      where the component is declared
 */
public record WorkerComponent(
        String name,
        PodTemplate pod,
        ProbeSet probes,
        Resources resources,
        int replicas,
        Autoscaling autoscaling,
        QueueScaling queueScaling,
        boolean singleton,
        long terminationGracePeriodSeconds,
        List<EnvVar> env,
        List<String> uses,
        List<Egress> egress,
        List<String> envFromSecrets,
        Location location) implements PodComponent {

    /**
     * Scaling on events through a KEDA ScaledObject (keda.sh/v1alpha1), which drives an HPA of its
     * own and may scale the Deployment to zero.
     *
     * @param minReplicas     {@code minReplicaCount}, 0 to scale to zero while the queue is empty
     * @param maxReplicas     {@code maxReplicaCount}
     * @param pollingInterval seconds between trigger checks
     * @param cooldownPeriod  seconds after the last active trigger before scaling to {@code minReplicas}
     * @param triggers        the KEDA triggers, in spec order
     */
    public record QueueScaling(int minReplicas, int maxReplicas, int pollingInterval, int cooldownPeriod, List<Trigger> triggers) {

        public QueueScaling {
            triggers = List.copyOf(triggers);
        }
    }

    /**
     * A KEDA trigger, as KEDA's scaler documentation writes it.
     *
     * @param type     {@code redis}, {@code prometheus} or {@code rabbitmq}
     * @param metadata the scaler's metadata, in spec order (strings, as KEDA reads them)
     * @param pointer  where the trigger is written, relative to the component ({@code /autoscaling/triggers/<i>})
     */
    public record Trigger(String type, Map<String, String> metadata, String pointer) {
    }

    @Override
    public String type() {
        return WorkerKind.TYPE;
    }

    /** {@code <name>-config} with config files. */
    @Override
    public List<String> derivedNames() {
        return podDerivedNames();
    }

    @Override
    public String role() {
        return "worker";
    }

    /** Nothing connects to a worker. */
    @Override
    public Optional<Endpoint> endpoint() {
        return Optional.empty();
    }

    @Override
    public Optional<Workload> workload() {
        Integer min = autoscaling != null ? Integer.valueOf(autoscaling.minReplicas())
                : queueScaling != null ? Integer.valueOf(queueScaling.minReplicas()) : null;
        return Optional.of(new Workload(Workload.DEPLOYMENT, name, min, queueScaling != null));
    }

    /** Whether the replica count is left to an autoscaler (HPA or KEDA). */
    public boolean autoscaled() {
        return autoscaling != null || queueScaling != null;
    }
}
