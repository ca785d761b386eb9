package dev.shipshape.kind.job;

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
 * A run-to-completion task, above all a database migration that must succeed before the
 * components in {@code before} serve a new version: a batch/v1 Job named {@code <name>-<hash>}
 * ({@link JobObjects#jobName}).
 *
 * @param name                    component name; names its ServiceAccount and NetworkPolicy and prefixes its Job
 * @param pod                     image, process, securityContext, volumes and the other pod settings
 * @param backoffLimit            retries of a failed run
 * @param activeDeadlineSeconds   seconds the run (all retries) may take
 * @param ttlSecondsAfterFinished seconds a finished Job is kept, or {@code null} to keep it until the next version replaces it
 * @param resources               requests and limits
 * @param env                     environment variables, in spec order
 * @param uses                    components a run connects to
 * @param egress                  destinations outside the cluster its pods call
 * @param envFromSecrets          spec secrets whose keys all become env variables ({@code envFrom})
 * @param before                  workload components that must wait for it, in spec order
 * @param location                where the component is declared
 */
public record JobComponent(
        String name,
        PodTemplate pod,
        int backoffLimit,
        long activeDeadlineSeconds,
        Integer ttlSecondsAfterFinished,
        Resources resources,
        List<EnvVar> env,
        List<String> uses,
        List<Egress> egress,
        List<String> envFromSecrets,
        List<String> before,
        Location location) implements PodComponent {

    public JobComponent {
        env = List.copyOf(env);
        uses = List.copyOf(uses);
        before = List.copyOf(before);
    }

    @Override
    public String type() {
        return JobKind.TYPE;
    }

    /** {@code <name>-config} with config files. */
    @Override
    public List<String> derivedNames() {
        return podDerivedNames();
    }

    @Override
    public String role() {
        return "job";
    }

    /** Nothing connects to a task. */
    @Override
    public Optional<Endpoint> endpoint() {
        return Optional.empty();
    }

    /** Its Jobs, by the component name they carry as {@code app.kubernetes.io/name}. */
    @Override
    public Optional<Workload> workload() {
        return Optional.of(new Workload(Workload.JOB, name, null));
    }
}
