package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A container probe as a spec declares it (the base schema's {@code $defs/probe}), one of the four
 * Kubernetes probe handlers: an HTTP GET of {@code path} on a port (with a scheme and request
 * headers), a gRPC health check on a port (the gRPC Health Checking Protocol, Kubernetes' native
 * {@code grpc} probe, GA since 1.27), a TCP connect to a port, or a command run in the container
 * that must exit 0. Every kind with declared probes reads them with {@link #read(JsonNode, String)}
 * (through {@link ProbeSet}); timing is the kind's (see {@code dev.shipshape.model.Probes}), never the spec's.
 *
 * @param action  which handler
 * @param path    the HTTP path ({@link Action#HTTP} only), else {@code null}
 * @param port    the port ({@link Action#HTTP}, {@link Action#GRPC}, {@link Action#TCP}): a declared container
 *                port's name or its number as text, else {@code null}
 * @param scheme  {@code HTTP} or {@code HTTPS} ({@link Action#HTTP} only), else {@code null}
 * @param headers HTTP request headers by name, in spec order ({@link Action#HTTP} only), else empty
 * @param service the gRPC service name of the health check ({@link Action#GRPC} only; {@code ""} for the
 *                server's overall health), else {@code null}
 * @param command the command and its arguments ({@link Action#EXEC} only), else empty
 * @param pointer the JSON pointer of the probe's entry in the spec, for problems; {@code null} for a
 *                kind's default probe
 */
public record Probe(Action action, String path, String port, String scheme, Map<String, String> headers, String service,
                    List<String> command, String pointer) {

    /** The path of an HTTP probe that names none: {@code /}, as Kubernetes reads an httpGet without a path. */
    public static final String DEFAULT_HTTP_PATH = "/";
    /** The scheme of an HTTP probe that names none, as Kubernetes defaults it. */
    public static final String DEFAULT_SCHEME = "HTTP";

    /** The probe handlers. */
    public enum Action {
        /** Sends an HTTP GET; a 2xx or 3xx status passes. */
        HTTP,
        /** Calls grpc.health.v1.Health/Check; SERVING passes. */
        GRPC,
        /** Opens a TCP connection. */
        TCP,
        /** Runs a command; exit status 0 passes. */
        EXEC
    }

    /** @throws IllegalArgumentException unless the fields of exactly the action's handler are set */
    public Probe {
        Objects.requireNonNull(action, "action");
        command = List.copyOf(command);
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        boolean httpOnly = path == null && scheme == null && headers.isEmpty();
        boolean valid = switch (action) {
            case HTTP -> path != null && port != null && scheme != null && service == null && command.isEmpty();
            case GRPC -> httpOnly && port != null && service != null && command.isEmpty();
            case TCP -> httpOnly && port != null && service == null && command.isEmpty();
            case EXEC -> httpOnly && port == null && service == null && !command.isEmpty();
        };
        if (!valid) {
            throw new IllegalArgumentException("a " + action + " probe needs " + switch (action) {
                case HTTP -> "a path, a port and a scheme";
                case GRPC -> "a port and a service name";
                case TCP -> "a port";
                case EXEC -> "a non-empty command";
            } + " and nothing else");
        }
    }

    /** An HTTP GET probe of {@code path} on {@code port} (a name or a number as text), scheme HTTP, no headers. */
    public static Probe http(String path, String port, String pointer) {
        return new Probe(Action.HTTP, path, port, DEFAULT_SCHEME, Map.of(), null, List.of(), pointer);
    }

    /** A gRPC health check of {@code service} ({@code ""}: the whole server) on {@code port} (a name or a number as text). */
    public static Probe grpc(String port, String service, String pointer) {
        return new Probe(Action.GRPC, null, port, null, Map.of(), service, List.of(), pointer);
    }

    /** A TCP connect probe of {@code port} (a name or a number as text). */
    public static Probe tcp(String port, String pointer) {
        return new Probe(Action.TCP, null, port, null, Map.of(), null, List.of(), pointer);
    }

    /** A command probe. */
    public static Probe exec(List<String> command, String pointer) {
        return new Probe(Action.EXEC, null, null, null, Map.of(), null, command, pointer);
    }

    /** This probe on another port (a name or a number as text). @throws IllegalArgumentException for an exec probe */
    public Probe withPort(String other) {
        return new Probe(action, path, other, scheme, headers, service, command, pointer);
    }

    /** The scheme of an HTTP probe of a port that serves TLS ({@link ServedPort#servesTls()}). */
    public static final String TLS_SCHEME = "HTTPS";

    /**
     * This probe over TLS when it is an HTTP probe of a port that serves TLS (by name or container
     * port number), else unchanged. The kubelet does not verify the certificate of an HTTPS probe
     * (kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes),
     * so one from the internal CA passes.
     *
     * @param ports the container's served ports
     */
    public Probe overTlsOf(List<ServedPort> ports) {
        boolean tls = action == Action.HTTP && ports.stream().anyMatch(p -> p.servesTls()
                && (p.name().equals(port) || Integer.toString(p.port()).equals(port)));
        return tls ? new Probe(action, path, port, TLS_SCHEME, headers, service, command, pointer) : this;
    }

    /**
     * This probe with a gRPC port given by name replaced by its number, which the kubelet's grpc probe
     * needs (it takes no port names); any other probe unchanged.
     *
     * @param portNumbers the container's port numbers by port name
     * @throws IllegalArgumentException if the name is not in {@code portNumbers}
     */
    public Probe withGrpcPortNumber(Map<String, Integer> portNumbers) {
        if (action != Action.GRPC || portNumber().isPresent()) {
            return this;
        }
        Integer number = portNumbers.get(port);
        if (number == null) {
            throw new IllegalArgumentException("no port named " + port);
        }
        return withPort(number.toString());
    }

    /** Whether the probe connects to a port (HTTP, gRPC or TCP), which the container must then declare. */
    public boolean usesPort() {
        return action != Action.EXEC;
    }

    /** The port's number when the spec gives it by number, empty when by name or for an exec probe. */
    public OptionalInt portNumber() {
        return port != null && !port.isEmpty() && port.chars().allMatch(Character::isDigit)
                ? OptionalInt.of(Integer.parseInt(port)) : OptionalInt.empty();
    }

    /** The JSON pointer of the port value ({@code <pointer>/http/port}, {@code <pointer>/grpc/port} or {@code <pointer>/tcp/port}). */
    public String portPointer() {
        return pointer + "/" + action.name().toLowerCase(Locale.ROOT) + "/port";
    }

    /**
     * Reads a schema-valid probe entry ({@code {http: {path, port, scheme, headers}}},
     * {@code {grpc: {port, service}}}, {@code {tcp: {port}}} or {@code {exec: {command: [...]}}}); an
     * HTTP probe without a path gets {@link #DEFAULT_HTTP_PATH}, without a scheme {@link #DEFAULT_SCHEME}.
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
            Map<String, String> headers = new LinkedHashMap<>();
            http.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
            return new Probe(Action.HTTP, TreeValues.text(http, "path", DEFAULT_HTTP_PATH), http.path("port").asText(),
                    TreeValues.text(http, "scheme", DEFAULT_SCHEME), headers, null, List.of(), pointer);
        }
        if (entry.has("grpc")) {
            JsonNode grpc = entry.get("grpc");
            return grpc(grpc.path("port").asText(), TreeValues.text(grpc, "service", ""), pointer);
        }
        if (entry.has("tcp")) {
            return tcp(entry.get("tcp").path("port").asText(), pointer);
        }
        return exec(TreeValues.texts(entry.path("exec"), "command"), pointer);
    }
}
