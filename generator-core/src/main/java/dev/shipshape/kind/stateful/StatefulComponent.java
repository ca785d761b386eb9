package dev.shipshape.kind.stateful;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A database-like service from any image (ClickHouse, Elasticsearch, MinIO): a StatefulSet with
 * volume claims, its ports and probes, its own uid, config files, and an optional backup CronJob.
 *
 * @param name          component name
 * @param image         the image
 * @param replicas      pods, started one after another ({@code OrderedReady})
 * @param command       the container's command (replaces the image's entrypoint), empty for the image's
 * @param args          the container's arguments, empty for the image's
 * @param env           environment variables, in spec order
 * @param port          the port other components use: container port and Service port {@value #MAIN_PORT}
 * @param scheme        the URL scheme of {@code ${<name>.url}}
 * @param ports         further ports (peers, a second protocol), in spec order
 * @param volumes       the volume claim templates, in spec order
 * @param runAsUser     the uid of the image's user, never 0
 * @param runAsGroup    its primary group
 * @param fsGroup       the group that owns the volumes
 * @param writablePaths directories the image writes besides its volumes, each an {@code emptyDir} (the root file system is read-only)
 * @param configFiles   file path → content, mounted from the ConfigMap {@code <name>-config}, in spec order
 * @param readiness     the readiness (and startup) probe
 * @param liveness      the liveness probe
 * @param uses          components it connects to
 * @param egress        destinations outside the cluster its pods call
 * @param envFromSecrets spec secrets whose keys all become env variables ({@code envFrom})
 * @param resources     requests and limits
 * @param backup        the backup CronJob, or {@code null}
 * @param location      where the component is declared
 */
public record StatefulComponent(
        String name,
        ImageReference image,
        int replicas,
        List<String> command,
        List<String> args,
        List<EnvVar> env,
        int port,
        String scheme,
        List<NamedPort> ports,
        List<StoreVolume> volumes,
        long runAsUser,
        long runAsGroup,
        long fsGroup,
        List<String> writablePaths,
        Map<String, String> configFiles,
        Probe readiness,
        Probe liveness,
        List<String> uses,
        List<Egress> egress,
        List<String> envFromSecrets,
        Resources resources,
        StoreBackup backup,
        Location location) implements Component {

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
     * A volume claim template: each pod gets its own ReadWriteOnce volume.
     *
     * @param name         the template's name (volume {@code <name>-<component>-<ordinal>})
     * @param mountPath    where it is mounted
     * @param size         requested size, bytes (Kubernetes quantity)
     * @param storageClass StorageClass, or {@code null} for the cluster default
     */
    public record StoreVolume(String name, String mountPath, String size, String storageClass) {
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
        if (!configFiles.isEmpty()) {
            names.add(configName());
        }
        if (backup != null) {
            names.add(backupName());
        }
        return names;
    }

    /** The governing headless Service. */
    public String headlessName() {
        return name + "-headless";
    }

    /** The ConfigMap of the config files. */
    public String configName() {
        return name + "-config";
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
