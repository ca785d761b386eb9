package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A container's probes as a spec declares them (the base schema's {@code $defs/probes}): each of
 * readiness, liveness and startup, or {@code null} where the spec leaves it to the kind's default.
 *
 * @param readiness the readiness probe, or {@code null}
 * @param liveness  the liveness probe, or {@code null}
 * @param startup   the startup probe, or {@code null}
 */
public record ProbeSet(Probe readiness, Probe liveness, Probe startup) {

    /** No probe declared. */
    public static final ProbeSet NONE = new ProbeSet(null, null, null);

    /**
     * Reads a schema-valid {@code probes} entry.
     *
     * @param probes  the entry's tree; missing or {@code null} reads as {@link #NONE}
     * @param pointer its JSON pointer
     */
    public static ProbeSet read(JsonNode probes, String pointer) {
        return new ProbeSet(Probe.read(probes.path("readiness"), pointer + "/readiness"),
                Probe.read(probes.path("liveness"), pointer + "/liveness"),
                Probe.read(probes.path("startup"), pointer + "/startup"));
    }

    /**
     * Reads a schema-valid {@code probes} entry of a container with served ports: an HTTP probe
     * whose {@code scheme} is not written uses {@code HTTPS} on a port that serves TLS
     * ({@link Probe#overTlsOf}).
     *
     * @param probes  the entry's tree; missing or {@code null} reads as {@link #NONE}
     * @param pointer its JSON pointer
     * @param ports   the container's served ports
     */
    public static ProbeSet read(JsonNode probes, String pointer, List<ServedPort> ports) {
        return new ProbeSet(read(probes, "readiness", pointer, ports), read(probes, "liveness", pointer, ports),
                read(probes, "startup", pointer, ports));
    }

    private static Probe read(JsonNode probes, String which, String pointer, List<ServedPort> ports) {
        JsonNode entry = probes.path(which);
        Probe probe = Probe.read(entry, pointer + "/" + which);
        return probe == null || TreeValues.present(entry.path("http"), "scheme") ? probe : probe.overTlsOf(ports);
    }

    /** The probes that are set, by their spec name ({@code readiness}, {@code liveness}, {@code startup}), in that order. */
    public Map<String, Probe> byName() {
        Map<String, Probe> set = new LinkedHashMap<>();
        if (readiness != null) {
            set.put("readiness", readiness);
        }
        if (liveness != null) {
            set.put("liveness", liveness);
        }
        if (startup != null) {
            set.put("startup", startup);
        }
        return set;
    }

    /**
     * Reports each probe the spec declares that connects to a port the container does not declare
     * as a TCP port ({@code kube-linter}'s liveness-port and readiness-port checks, at spec time):
     * such a probe can never pass. A probe standing in for another (startup repeating readiness) is
     * reported once.
     *
     * @param component the component's name
     * @param tcpPorts  the container's TCP ports, by name and by number as text
     * @param checks    where problems go
     */
    public void checkPorts(String component, Collection<String> tcpPorts, SpecChecks checks) {
        Set<String> declared = new TreeSet<>(tcpPorts);
        Set<String> reported = new HashSet<>();
        byName().forEach((which, probe) -> {
            if (probe.pointer() != null && probe.usesPort() && !declared.contains(probe.port()) && reported.add(probe.pointer())) {
                checks.problem(probe.portPointer(), "The " + which + " probe of `" + component + "` connects to port `" + probe.port()
                                + "`, which `" + component + "` does not declare as a TCP port, so the probe could never pass.",
                        "Name one of its TCP ports (" + String.join(", ", declared) + "), or declare the port under `ports`.");
            }
        });
    }
}
