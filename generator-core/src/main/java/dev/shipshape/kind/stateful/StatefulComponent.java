package dev.shipshape.kind.stateful;

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
import dev.shipshape.spec.ServedPort;
import dev.shipshape.spec.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A database-like service from any image (ClickHouse, Elasticsearch, MinIO): a StatefulSet with
 * volume claims, its ports and probes, its own uid, config files, and an optional backup CronJob.
 *
 * @param name          component name
 * @param pod           image, process, securityContext (the image's own uid), volumes (persistent ones are claim
 *                      templates: each pod gets its own), config files, writable paths and the other pod settings
 * @param replicas      pods, started one after another ({@code OrderedReady})
 * @param env           environment variables, in spec order
 * @param port          the port other components use: container port and Service port {@value #MAIN_PORT}
 * @param scheme        the URL scheme of {@code ${<name>.url}}
 * @param ports         further ports (peers, a second protocol), in spec order: web's port model, each with its own
 *                      Service port and, when exposed, a LoadBalancer Service {@code <name>-<port>}
 * @param probes        readiness, liveness and startup probes, each resolved (default: a TCP connect to
 *                      {@value #MAIN_PORT}; startup repeats readiness)
 * @param uses          components it connects to
 * @param egress        destinations outside the cluster its pods call
 * @param envFromSecrets spec secrets whose keys all become env variables ({@code envFrom})
 * @param resources     requests and limits
 * @param backup        the backup CronJob, or {@code null}
 * @param location      where the component is declared
 */
public record StatefulComponent(
        String name,
        PodTemplate pod,
        int replicas,
        List<EnvVar> env,
        int port,
        String scheme,
        List<ServedPort> ports,
        ProbeSet probes,
        List<String> uses,
        List<Egress> egress,
        List<String> envFromSecrets,
        Resources resources,
        StoreBackup backup,
        Location location) implements PodComponent {

    /** The name of the container and Service port of {@link #port()}. */
    public static final String MAIN_PORT = "main";

    /**
     * A scheduled backup: the spec's command in the spec's image, reaching the store over the network.
     *
     * @param schedule five-field cron schedule, UTC
     * @param image    the backup tool's image
     * @param command  the command and its arguments
     */
    public record StoreBackup(String schedule, ImageReference image, List<String> command) {
    }

    @Override
    public String type() {
        return StatefulKind.TYPE;
    }

    /** Every port, {@link #MAIN_PORT} first (plain TCP, its Service port its container port). */
    public List<ServedPort> allPorts() {
        List<ServedPort> all = new ArrayList<>();
        all.add(new ServedPort(MAIN_PORT, port, port, ServedPort.Protocol.TCP, null, null, null));
        all.addAll(ports);
        return all;
    }

    /**
     * {@code <name>-headless}; a LoadBalancer Service {@code <name>-<port>} per exposed port;
     * {@code <name>-config} with config files; {@code <name>-backup} with a backup.
     */
    @Override
    public List<String> derivedNames() {
        List<String> names = new ArrayList<>(List.of(headlessName()));
        ServedPort.exposed(ports).forEach(p -> names.add(ServedPort.loadBalancerName(name, p)));
        names.addAll(podDerivedNames());
        if (backup != null) {
            names.add(backupName());
        }
        return names;
    }

    /** The governing headless Service. */
    public String headlessName() {
        return name + "-headless";
    }

    /** The backup CronJob, its pods, ServiceAccount and NetworkPolicy. */
    public String backupName() {
        return name + "-backup";
    }

    /** {@code <scheme>://<name>:<port>}. */
    @Override
    public Optional<Endpoint> endpoint() {
        return Optional.of(Endpoint.inCluster(name, port, scheme));
    }

    @Override
    public Optional<Workload> workload() {
        return Optional.of(new Workload(Workload.STATEFUL_SET, name, null));
    }

    @Override
    public String role() {
        return "database";
    }
}
