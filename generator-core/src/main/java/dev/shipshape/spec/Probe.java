package dev.shipshape.spec;

import java.util.List;
import java.util.Objects;

/**
 * A container probe as a spec declares it: exactly one of a command run in the container
 * ({@code exec}), a TCP connection to a port ({@code tcp}) or an HTTP GET of a path on a port
 * ({@code http}), the three handlers of a Kubernetes probe. Timing is the generator's
 * ({@code dev.shipshape.model.Probes}), never the spec's.
 *
 * @param command the command and its arguments for {@code exec}, else {@code null}
 * @param port    the container port (1-65535) for {@code tcp} and {@code http}, else {@code 0}
 * @param path    the HTTP path for {@code http}, else {@code null}
 */
public record Probe(List<String> command, int port, String path) {

    /** The probe handler. */
    public enum Handler {
        /** Runs a command; exit status 0 passes. */
        EXEC,
        /** Opens a TCP connection. */
        TCP,
        /** Sends an HTTP GET; a 2xx or 3xx status passes. */
        HTTP
    }

    /** @throws IllegalArgumentException unless exactly one handler's fields are set */
    public Probe {
        command = command == null ? null : List.copyOf(command);
        if (command != null ? port != 0 || path != null || command.isEmpty() : port < 1 || port > 65535) {
            throw new IllegalArgumentException("a probe runs a non-empty command, or probes a port 1-65535 (with an HTTP path)");
        }
    }

    /** A probe that runs {@code command}. */
    public static Probe exec(List<String> command) {
        return new Probe(Objects.requireNonNull(command, "command"), 0, null);
    }

    /** A probe that connects to {@code port}. */
    public static Probe tcp(int port) {
        return new Probe(null, port, null);
    }

    /** A probe that GETs {@code path} on {@code port}. */
    public static Probe http(int port, String path) {
        return new Probe(null, port, Objects.requireNonNull(path, "path"));
    }

    /** Which handler the probe uses. */
    public Handler handler() {
        return command != null ? Handler.EXEC : path != null ? Handler.HTTP : Handler.TCP;
    }

    /** Whether it connects to a port of the container (which the container must then declare). */
    public boolean usesPort() {
        return command == null;
    }
}
