package dev.shipshape.kind.cronjob;

import dev.shipshape.model.CronJobs;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.PodComponent;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Workload;

import java.util.List;
import java.util.Optional;

/**
 * The application's own scheduled task (reports, cleanups): a CronJob of the application's image.
 *
 * @param name      component name; names the CronJob, its ServiceAccount and pods
 * @param pod       image, process, securityContext, volumes and the other pod settings
 * @param settings  schedule, time zone, concurrency, deadlines, retries, history and suspension
 * @param resources requests and limits
 * @param env       environment variables, in spec order
 * @param uses      components a run connects to
 * @param egress    destinations outside the cluster its pods call
 * @param envFromSecrets spec secrets whose keys all become env variables ({@code envFrom})
 * @param location  where the component is declared
 */
public record CronJobComponent(
        String name,
        PodTemplate pod,
        CronJobs.Settings settings,
        Resources resources,
        List<EnvVar> env,
        List<String> uses,
        List<Egress> egress,
        List<String> envFromSecrets,
        Location location) implements PodComponent {

    @Override
    public String type() {
        return CronJobKind.TYPE;
    }

    /** {@code <name>-config} with config files. */
    @Override
    public List<String> derivedNames() {
        return podDerivedNames();
    }

    @Override
    public String role() {
        return "cronjob";
    }

    /** Nothing connects to a scheduled task. */
    @Override
    public Optional<Endpoint> endpoint() {
        return Optional.empty();
    }

    @Override
    public Optional<Workload> workload() {
        return Optional.of(new Workload(Workload.CRON_JOB, name, null));
    }
}
