package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

import java.util.List;

/**
 * Container probes. Each kind has its own timing so liveness never equals readiness (kube-score
 * {@code container-probes-identical}): readiness reacts fast and takes a pod out of its Service,
 * liveness is slower and restarts it only when it stays broken, startup gives a slow start up to
 * {@code failureThreshold × period} seconds before the other two begin.
 */
public final class Probes {

    /**
     * Probe timing, all in seconds except the threshold.
     *
     * @param period           seconds between probes
     * @param timeout          seconds before one probe counts as failed
     * @param failureThreshold consecutive failures before the probe fails
     */
    public record Timing(int period, int timeout, int failureThreshold) {
    }

    /** Readiness: every 5 s, out of the Service after 15 s of failures. */
    public static final Timing READINESS = new Timing(5, 2, 3);
    /** Liveness: every 10 s, restart after 30 s of failures. */
    public static final Timing LIVENESS = new Timing(10, 3, 3);
    /** Startup: every 5 s for up to 150 s. */
    public static final Timing STARTUP = new Timing(5, 2, 30);
    /** Startup of a server that loads or recovers data first (a database, a TSDB, a cache's append-only file): up to ten minutes. */
    public static final Timing SLOW_STARTUP = new Timing(10, 5, 60);

    private Probes() {
    }

    /** An HTTP GET probe of {@code path} on the named container port. */
    public static Probe httpGet(String path, String portName, Timing timing) {
        return timed(new ProbeBuilder().withNewHttpGet()
                .withPath(path)
                .withPort(new IntOrString(portName))
                .withScheme("HTTP")
                .endHttpGet(), timing);
    }

    /** A probe that runs a command in the container. */
    public static Probe exec(List<String> command, Timing timing) {
        return timed(new ProbeBuilder().withNewExec().withCommand(command).endExec(), timing);
    }

    /**
     * A probe a spec declares ({@link dev.shipshape.spec.Probe}): HTTP GET (scheme and headers as
     * declared) or TCP on a port given by name or number, a gRPC health check on a port number, or a
     * command.
     *
     * @throws IllegalArgumentException for a gRPC probe whose port is a name: the kubelet's grpc probe
     *                                  takes a number only, so the kind resolves names first
     */
    public static Probe of(dev.shipshape.spec.Probe declared, Timing timing) {
        ProbeBuilder probe = new ProbeBuilder();
        switch (declared.action()) {
            case HTTP -> probe.withNewHttpGet().withPath(declared.path()).withPort(port(declared.port())).withScheme(declared.scheme())
                    .withHttpHeaders(declared.headers().isEmpty() ? null : declared.headers().entrySet().stream()
                            .map(h -> new HTTPHeader(h.getKey(), h.getValue())).toList())
                    .endHttpGet();
            case GRPC -> probe.withNewGrpc().withPort(declared.portNumber().orElseThrow(() -> new IllegalArgumentException(
                    "a grpc probe needs a port number, not `" + declared.port() + "`"))).withService(
                    declared.service().isEmpty() ? null : declared.service()).endGrpc();
            case TCP -> probe.withNewTcpSocket().withPort(port(declared.port())).endTcpSocket();
            case EXEC -> probe.withNewExec().withCommand(declared.command()).endExec();
        }
        return timed(probe, timing);
    }

    /** A port by number when it is all digits, else by name. */
    private static IntOrString port(String port) {
        return port.chars().allMatch(Character::isDigit) ? new IntOrString(Integer.parseInt(port)) : new IntOrString(port);
    }

    private static Probe timed(ProbeBuilder probe, Timing timing) {
        return probe.withPeriodSeconds(timing.period())
                .withTimeoutSeconds(timing.timeout())
                .withFailureThreshold(timing.failureThreshold())
                .withSuccessThreshold(1)
                .build();
    }
}
