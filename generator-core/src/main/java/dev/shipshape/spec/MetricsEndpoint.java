package dev.shipshape.spec;

/**
 * Where a component's pods serve Prometheus metrics: the named container and Service port a
 * ServiceMonitor and the application's Prometheus select, and the HTTP path.
 *
 * @param portName the container and Service port name, for example {@code metrics} or {@code http}
 * @param port     the container port number (1-65535), which NetworkPolicies admit
 * @param path     HTTP path, for example {@code /metrics}
 */
public record MetricsEndpoint(String portName, int port, String path) {
}
