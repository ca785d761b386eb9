package dev.shipshape.spec;

import java.util.List;
import java.util.Map;

/**
 * An init container or a sidecar of a component's pods (a proxy, a log shipper, a migration
 * step): its own image and process under the pod's restricted securityContext, with the pod's
 * writable paths and only the volumes it names.
 *
 * @param name      the container name (a DNS-1123 label, unique in the pod)
 * @param process   its image, command, args and working directory
 * @param env       its environment variables, in spec order (the same value shapes as the component's env)
 * @param resources its requests and limits
 * @param ports     container ports by name (sidecars only), in spec order
 * @param mounts    the pod volumes it mounts ({@code volumeMounts}), in spec order
 */
public record ExtraContainer(String name, ContainerProcess process, List<EnvVar> env, Resources resources, Map<String, Integer> ports,
                             List<Mount> mounts) {

    /**
     * A pod volume an init container or sidecar mounts.
     *
     * @param volume    the volume's name: a spec volume, or the certificate {@code <port>-tls} of a TLS port
     * @param mountPath where it mounts it, or {@code null} for where the main container does
     * @param readOnly  whether it mounts it read-only (secret files and certificates always are)
     * @param pointer   the JSON pointer of the entry, for problems
     */
    public record Mount(String volume, String mountPath, boolean readOnly, String pointer) {
    }

    public ExtraContainer {
        env = List.copyOf(env);
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        mounts = List.copyOf(mounts);
    }
}
