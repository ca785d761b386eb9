package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * A container probe as a spec declares it, one of three actions (the Kubernetes probe handlers):
 * an HTTP GET of {@code path} on a port, a TCP connect to a port, or a command run in the
 * container that must exit 0. Timing is the kind's (see {@code dev.shipshape.model.Probes}).
 *
 * @param action   which handler
 * @param path     the HTTP path ({@link Action#HTTP} only), else {@code null}
 * @param port     the port: a declared container port's name or its number as text ({@link Action#HTTP},
 *                 {@link Action#TCP}), else {@code null}
 * @param command  the command and its arguments ({@link Action#EXEC} only), else empty
 * @param pointer  the JSON pointer of the probe's entry in the spec, for problems
 */
public record Probe(Action action, String path, String port, List<String> command, String pointer) {

    /** The probe handlers. */
    public enum Action { HTTP, TCP, EXEC }

    public Probe {
        Objects.requireNonNull(action, "action");
        command = List.copyOf(command);
    }

    /** An HTTP GET probe of {@code path} on {@code port}. */
    public static Probe http(String path, String port, String pointer) {
        return new Probe(Action.HTTP, path, port, List.of(), pointer);
    }

    /** A TCP connect probe of {@code port}. */
    public static Probe tcp(String port, String pointer) {
        return new Probe(Action.TCP, null, port, List.of(), pointer);
    }

    /** A command probe. */
    public static Probe exec(List<String> command, String pointer) {
        return new Probe(Action.EXEC, null, null, command, pointer);
    }

    /** Whether the probe connects to a port (HTTP or TCP). */
    public boolean usesPort() {
        return action != Action.EXEC;
    }

    /** The JSON pointer of the port value ({@code <pointer>/http/port} or {@code <pointer>/tcp/port}). */
    public String portPointer() {
        return pointer + "/" + action.name().toLowerCase(java.util.Locale.ROOT) + "/port";
    }

    /**
     * Reads a schema-valid probe entry ({@code {http: {path, port}}}, {@code {tcp: {port}}} or
     * {@code {exec: {command}}}).
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
            return http(TreeValues.text(http, "path", "/"), http.path("port").asText(), pointer);
        }
        if (entry.has("tcp")) {
            return tcp(entry.get("tcp").path("port").asText(), pointer);
        }
        return exec(TreeValues.texts(entry.path("exec"), "command"), pointer);
    }
}
