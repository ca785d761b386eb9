package dev.shipshape.spec;

/**
 * Compute resources of a container, as Kubernetes quantities.
 *
 * @param cpu         CPU request (for example {@code 250m} millicores)
 * @param memory      memory request (bytes, for example {@code 512Mi})
 * @param cpuLimit    CPU limit, or {@code null} for none (throttling hurts latency; the field disputes it)
 * @param memoryLimit memory limit (bytes); defaults to the request
 */
public record Resources(String cpu, String memory, String cpuLimit, String memoryLimit) {
}
