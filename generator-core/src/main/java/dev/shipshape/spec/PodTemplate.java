package dev.shipshape.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a component's pods need besides its kind's own settings, written the same way in every
 * application kind (web, worker, job, cronjob, stateful) and bound once: the main container's
 * process, the {@code securityContext}, volumes, config files and writable paths, the update
 * strategy, ServiceAccount annotations, image pull secrets, init containers and sidecars.
 *
 * @param process                   the main container's image, command, args and working directory
 * @param security                  the identity and switches of its securityContext
 * @param volumes                   the volumes, in spec order
 * @param configFiles               file path → content, mounted read-only from the ConfigMap {@code <name>-config}, in spec order
 * @param writablePaths             directories the image writes besides its volumes, each a size-limited {@code emptyDir}
 * @param strategy                  {@value #ROLLING_UPDATE} or {@value #RECREATE} as written, or {@code null} for the kind's default
 * @param serviceAccountAnnotations annotations of the component's ServiceAccount (IRSA, GKE Workload Identity), sorted by key
 * @param imagePullSecrets          spec secrets (of type {@value #DOCKER_CONFIG_JSON}) the kubelet pulls the images with, in spec order
 * @param initContainers            containers that run to completion before the main one, in spec order
 * @param sidecars                  native sidecars (init containers with {@code restartPolicy: Always}), in spec order
 */
public record PodTemplate(
        ContainerProcess process,
        ContainerSecurity security,
        List<PodVolume> volumes,
        Map<String, String> configFiles,
        List<String> writablePaths,
        String strategy,
        Map<String, String> serviceAccountAnnotations,
        List<String> imagePullSecrets,
        List<ExtraContainer> initContainers,
        List<ExtraContainer> sidecars) {

    /** The Deployment strategy that surges new pods before it retires old ones. */
    public static final String ROLLING_UPDATE = "RollingUpdate";
    /** The Deployment strategy that stops every old pod before it starts a new one. */
    public static final String RECREATE = "Recreate";
    /** The Secret type of registry credentials ({@code ~/.docker/config.json}), which {@code imagePullSecrets} need. */
    public static final String DOCKER_CONFIG_JSON = "kubernetes.io/dockerconfigjson";
    /** The writable path of every pod when the spec gives none. */
    public static final List<String> DEFAULT_WRITABLE_PATHS = List.of("/tmp");

    public PodTemplate {
        volumes = List.copyOf(volumes);
        configFiles = Collections.unmodifiableMap(new LinkedHashMap<>(configFiles));
        writablePaths = List.copyOf(writablePaths);
        serviceAccountAnnotations = Collections.unmodifiableSortedMap(new java.util.TreeMap<>(serviceAccountAnnotations));
        imagePullSecrets = List.copyOf(imagePullSecrets);
        initContainers = List.copyOf(initContainers);
        sidecars = List.copyOf(sidecars);
    }

    /** A template with nothing but the process and the identity: the defaults of every other field. */
    public static PodTemplate of(ContainerProcess process, ContainerSecurity security) {
        return new PodTemplate(process, security, List.of(), Map.of(), DEFAULT_WRITABLE_PATHS, null, Map.of(), List.of(), List.of(), List.of());
    }

    /** The first persistent claim only one node can mount read-write, if any: its pods cannot overlap in a rolling update. */
    public Optional<PodVolume> singleWriterClaim() {
        return volumes.stream().filter(v -> v.persistent() && v.claim().singleWriter()).findFirst();
    }

    /** The name of the ConfigMap of {@code component}'s config files. */
    public static String configName(String component) {
        return component + "-config";
    }

    /** The ConfigMap key of a config file: its path without the leading {@code /}, each {@code /} as {@code _}. */
    public static String configKey(String path) {
        return path.replaceFirst("^/+", "").replace('/', '_');
    }

    /** The name of the PersistentVolumeClaim of a Deployment's, Job's or CronJob's volume: {@code <component>-<volume>}. */
    public static String claimName(String component, PodVolume volume) {
        return component + "-" + volume.name();
    }
}
