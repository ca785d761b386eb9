package dev.shipshape.model;

import dev.shipshape.spec.Resources;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns spec {@link Resources} into a container's requests and limits: cpu and memory requests
 * always, a memory limit always (the request when none is given), a cpu limit only when asked
 * for (CPU limits throttle latency-sensitive services; the field disputes them).
 */
public final class ComputeResources {

    private ComputeResources() {
    }

    /** The container resources for spec resources. */
    public static ResourceRequirements of(Resources resources) {
        return of(resources.cpu(), resources.memory(), resources.cpuLimit(),
                resources.memoryLimit() != null ? resources.memoryLimit() : resources.memory());
    }

    /**
     * The container resources for explicit quantities.
     *
     * @param cpu         cpu request (millicores, for example {@code 100m})
     * @param memory      memory request (bytes, for example {@code 128Mi})
     * @param cpuLimit    cpu limit, or {@code null} for none
     * @param memoryLimit memory limit (bytes)
     */
    public static ResourceRequirements of(String cpu, String memory, String cpuLimit, String memoryLimit) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(cpu));
        requests.put("memory", new Quantity(memory));
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (cpuLimit != null) {
            limits.put("cpu", new Quantity(cpuLimit));
        }
        limits.put("memory", new Quantity(memoryLimit));
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setRequests(requests);
        requirements.setLimits(limits);
        return requirements;
    }
}
