package dev.shipshape.spec;

import java.util.List;
import java.util.Map;

/**
 * An init container or a sidecar of a component's pods (a proxy, a log shipper, a migration
 * step): its own image and process under the pod's restricted securityContext, with the main
 * container's volumes mounted at the same paths.
 *
 * @param name      the container name (a DNS-1123 label, unique in the pod)
 * @param process   its image, command, args and working directory
 * @param env       its environment variables, in spec order (the same value shapes as the component's env)
 * @param resources its requests and limits
 * @param ports     container ports by name (sidecars only), in spec order
 */
public record ExtraContainer(String name, ContainerProcess process, List<EnvVar> env, Resources resources, Map<String, Integer> ports) {

    public ExtraContainer {
        env = List.copyOf(env);
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
    }
}
