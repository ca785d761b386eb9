package dev.shipshape.model;

import dev.shipshape.spec.ImageReference;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The parts every pod shipshape emits shares: its own ServiceAccount, no Service environment
 * variables, the {@link PodSecurity} contexts, pinned images pulled {@code IfNotPresent}, and
 * size-limited {@code emptyDir} volumes for the few paths a read-only root file system must write.
 */
public final class Pods {

    /** Size limit of a scratch {@code emptyDir} such as {@code /tmp} (bytes, Kubernetes quantity). */
    public static final String SCRATCH_SIZE = "256Mi";

    private Pods() {
    }

    /**
     * A pod spec with the shared settings.
     *
     * @param serviceAccount      the ServiceAccount name (never {@code default})
     * @param mountApiCredentials whether the ServiceAccount token is mounted (only for pods that call the API)
     * @param security            how the pod runs
     */
    public static PodSpecBuilder spec(String serviceAccount, boolean mountApiCredentials, PodSecurity security) {
        return new PodSpecBuilder()
                .withServiceAccountName(serviceAccount)
                .withAutomountServiceAccountToken(mountApiCredentials)
                .withEnableServiceLinks(false)
                .withSecurityContext(security.pod());
    }

    /** A container running {@code image} with the restricted securityContext. */
    public static ContainerBuilder container(String name, ImageReference image, PodSecurity security) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(image.reference())
                .withImagePullPolicy("IfNotPresent")
                .withSecurityContext(security.container());
    }

    /** A named TCP container port. */
    public static ContainerPort port(String name, int port) {
        return new ContainerPortBuilder().withName(name).withContainerPort(port).withProtocol("TCP").build();
    }

    /** A disk-backed {@code emptyDir} limited to {@link #SCRATCH_SIZE}. */
    public static Volume scratch(String name) {
        return new VolumeBuilder().withName(name)
                .withNewEmptyDir().withSizeLimit(new Quantity(SCRATCH_SIZE)).endEmptyDir()
                .build();
    }

    /**
     * A memory-backed {@code emptyDir} (counted against the container's memory limit).
     *
     * @param sizeLimit bytes, Kubernetes quantity
     */
    public static Volume memory(String name, String sizeLimit) {
        return new VolumeBuilder().withName(name)
                .withNewEmptyDir().withMedium("Memory").withSizeLimit(new Quantity(sizeLimit)).endEmptyDir()
                .build();
    }

    /** A mount of volume {@code name} at {@code path}. */
    public static VolumeMount mount(String name, String path) {
        return new VolumeMountBuilder().withName(name).withMountPath(path).build();
    }
}
