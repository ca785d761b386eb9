package dev.shipshape.model;

import dev.shipshape.spec.PodTemplate;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's {@code configFiles}: one ConfigMap ({@code <component>-config}) whose keys are the
 * files' paths ({@link PodTemplate#configKey}), mounted file by file ({@code subPath}, read-only) from the pod
 * volume {@value #VOLUME}; its content hash ({@link ConfigChecksum}) is a pod annotation, so a
 * changed file rolls the pods (a {@code subPath} mount never sees a ConfigMap update by itself).
 */
public final class ConfigFiles {

    /** The pod volume of the ConfigMap. */
    public static final String VOLUME = "config";

    private ConfigFiles() {
    }

    /**
     * The ConfigMap of the files, its data sorted by key.
     *
     * @throws IllegalArgumentException when two paths map to one key (the spec checks reject that first)
     */
    public static ConfigMap configMap(ObjectMeta meta, Map<String, String> files) {
        return new ConfigMapBuilder().withMetadata(meta).withData(data(files)).build();
    }

    /** The pod annotations that roll the pods when a file changes; empty without files. */
    public static Map<String, String> podAnnotations(Map<String, String> files) {
        return files.isEmpty() ? Map.of() : Map.of(ConfigChecksum.ANNOTATION, ConfigChecksum.of(data(files)));
    }

    /** The pod volume of the ConfigMap {@code configMap}. */
    public static Volume volume(String configMap) {
        return new VolumeBuilder().withName(VOLUME).withNewConfigMap().withName(configMap).endConfigMap().build();
    }

    /** One read-only {@code subPath} mount per file, in spec order. */
    public static List<VolumeMount> mounts(Map<String, String> files) {
        return files.keySet().stream().map(path -> new VolumeMountBuilder().withName(VOLUME).withMountPath(path)
                .withSubPath(PodTemplate.configKey(path)).withReadOnly(true).build()).toList();
    }

    private static Map<String, String> data(Map<String, String> files) {
        Map<String, String> data = new TreeMap<>();
        files.forEach((path, content) -> {
            if (data.put(PodTemplate.configKey(path), content) != null) {
                throw new IllegalArgumentException("two config files map to ConfigMap key " + PodTemplate.configKey(path));
            }
        });
        return data;
    }
}
