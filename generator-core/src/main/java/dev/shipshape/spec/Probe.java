package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A container probe as a spec declares it (the base schema's {@code $defs/probe}), one of the three
 * Kubernetes probe handlers: an HTTP GET of {@code path} on a port, a TCP connect to a port, or a
 * command run in the container that must exit 0. Every kind with declared probes (worker,
 * stateful) reads it with {@link #read(JsonNode, String)}; timing is the kind's (see
 * {@code dev.shipshape.model.Probes}), never the spec's.
 *
 * @param action  which handler
 * @param path    the HTTP path ({@link Action#HTTP} only), else {@code null}
 * @param port    the port ({@link Action#HTTP}, {@link Action#TCP}): a declared container port's name or
 *                its number as text, else {@code null}
 * @param command the command and its arguments ({@link Action#EXEC} only), else empty
 * @param pointer the JSON pointer of the probe's entry in the spec, for problems; {@code null} for a
 *                kind's default probe
 */
public record Probe(Action action, String path, String port, List<String> command, String pointer) {

    /** The path of an HTTP probe that names none: {@code /}, as Kubernetes reads an httpGet without a path. */
    public static final String DEFAULT_HTTP_PATH = "/";

    /** The probe handlers. */
    public enum Action {
        /** Sends an HTTP GET; a 2xx or 3xx status passes. */
        HTTP,
        /** Opens a TCP connection. */
        TCP,
        /** Runs a command; exit status 0 passes. */
        EXEC
    }

    /** @throws IllegalArgumentException unless the fields of exactly the action's handler are set */
    public Probe {
        Objects.requireNonNull(action, "action");
        command = List.copyOf(command);
        boolean valid = switch (action) {
            case HTTP -> path != null && port != null && command.isEmpty();
            case TCP -> path == null && port != null && command.isEmpty();
            case EXEC -> path == null && port == null && !command.isEmpty();
        };
        if (!valid) {
            throw new IllegalArgumentException("an " + action + " probe needs " + switch (action) {
                case HTTP -> "a path and a port";
                case TCP -> "a port";
                case EXEC -> "a non-empty command";
            } + " and nothing else");
        }
    }

    /** An HTTP GET probe of {@code path} on {@code port} (a name or a number as text). */
    public static Probe http(String path, String port, String pointer) {
        return new Probe(Action.HTTP, path, port, List.of(), pointer);
    }

    /** A TCP connect probe of {@code port} (a name or a number as text). */
    public static Probe tcp(String port, String pointer) {
        return new Probe(Action.TCP, null, port, List.of(), pointer);
    }

    /** A command probe. */
    public static Probe exec(List<String> command, String pointer) {
        return new Probe(Action.EXEC, null, null, command, pointer);
    }

    /** Whether the probe connects to a port (HTTP or TCP), which the container must then declare. */
    public boolean usesPort() {
        return action != Action.EXEC;
    }

    /** The port's number when the spec gives it by number, empty when by name or for an exec probe. */
    public OptionalInt portNumber() {
        return port != null && !port.isEmpty() && port.chars().allMatch(Character::isDigit)
                ? OptionalInt.of(Integer.parseInt(port)) : OptionalInt.empty();
    }

    /** The JSON pointer of the port value ({@code <pointer>/http/port} or {@code <pointer>/tcp/port}). */
    public String portPointer() {
        return pointer + "/" + action.name().toLowerCase(Locale.ROOT) + "/port";
    }

    /**
     * Reads a schema-valid probe entry ({@code {http: {path, port}}}, {@code {tcp: {port}}} or
     * {@code {exec: {command: [...]}}}); an HTTP probe without a path gets {@link #DEFAULT_HTTP_PATH}.
     *
     * @param entry   the entry's tree
     * @param pointer its JSON pointer
     * @return the probe, or {@code null} when the entry is absent or {@code null}
     */
    public static Probe read(JsonNode entry, String pointer) {
        if (entry == null || entry.isMissingNode() || entry.isNull()) {
            return null;
        }
        if (entry.has("http")) {
            JsonNode http = entry.get("http");
            return http(TreeValues.text(http, "path", DEFAULT_HTTP_PATH), http.path("port").asText(), pointer);
        }
        if (entry.has("tcp")) {
            return tcp(entry.get("tcp").path("port").asText(), pointer);
        }
        return exec(TreeValues.texts(entry.path("exec"), "command"), pointer);
    }
}
