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
 * @param ports         further ports (peers, a second protocol), in spec order
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
        List<NamedPort> ports,
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
     * A further container and Service port.
     *
     * @param name     its name (an IANA service name: at most 15 lower-case letters, digits and '-')
     * @param port     the port (1-65535)
     * @param protocol {@code TCP} or {@code UDP}
     */
    public record NamedPort(String name, int port, String protocol) {
    }

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

    /** Every port, {@link #MAIN_PORT} first. */
    public List<NamedPort> allPorts() {
        List<NamedPort> all = new ArrayList<>();
        all.add(new NamedPort(MAIN_PORT, port, "TCP"));
        all.addAll(ports);
        return all;
    }

    /** {@code <name>-headless}; {@code <name>-config} with config files; {@code <name>-backup} with a backup. */
    @Override
    public List<String> derivedNames() {
        List<String> names = new ArrayList<>(List.of(headlessName()));
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
