package dev.shipshape.spec;

/**
 * A Prometheus metrics endpoint.
 *
 * @param port container port serving metrics (may equal the component's port)
 * @param path HTTP path, for example {@code /metrics}
 */
public record Metrics(int port, String path) {
}
