package dev.shipshape.spec;

/**
 * A Prometheus metrics endpoint and the HTTP alerts on its series.
 *
 * @param port   container port serving metrics (may equal the component's port)
 * @param path   HTTP path, for example {@code /metrics}
 * @param alerts the HTTP error-rate and latency alerts and the series they read
 */
public record Metrics(int port, String path, HttpAlerts alerts) {

    /** An endpoint with the {@linkplain HttpAlerts#DEFAULT default} HTTP alerts. */
    public Metrics(int port, String path) {
        this(port, path, HttpAlerts.DEFAULT);
    }
}
