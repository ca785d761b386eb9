package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A destination outside the cluster that a component's pods call ({@code egress:} in the spec),
 * which its NetworkPolicy admits: a host with the address blocks it is in, address blocks alone,
 * or any public address with the reason none can be stated (an FQDN never widens silently: a
 * NetworkPolicy matches addresses, not names).
 *
 * @param host     the DNS name called, or {@code null} for address blocks alone; documents the rule
 * @param cidrs    the address blocks admitted (IPv4 or IPv6 CIDR), empty with {@code anywhere}
 * @param ports    the destination ports, at least one
 * @param protocol {@code TCP} or {@code UDP}
 * @param anywhere whether any public address is admitted (see {@code NetworkPolicies#toAnywhere})
 * @param reason   why {@code anywhere} is needed, or {@code null}
 * @param pointer  the JSON pointer of the entry, {@code /spec/components/<name>/egress/<i>}
 * @param location where the entry is written
 */
public record Egress(String host, List<String> cidrs, List<Integer> ports, String protocol, boolean anywhere, String reason,
                     String pointer, Location location) {

    /** The protocol when the spec names none. */
    public static final String DEFAULT_PROTOCOL = "TCP";

    public Egress {
        cidrs = List.copyOf(cidrs);
        ports = List.copyOf(ports);
    }

    /** What the rule is for, as the NetworkPolicy's annotation and the runbook name it: {@code host:port,port} or the blocks. */
    public String destination() {
        String to = host != null ? host : anywhere ? "any public address" : String.join(" ", cidrs);
        return to + ":" + String.join(",", ports.stream().map(String::valueOf).toList());
    }

    /**
     * Binds {@code egress} of a schema-valid component entry: {@code port} and {@code ports} both
     * land in {@link #ports()}, the protocol defaults to {@value #DEFAULT_PROTOCOL}.
     *
     * @param list      the {@code egress} array (missing or {@code null} for none)
     * @param pointer   the JSON pointer of the array
     * @param locations the location of the key or element at a pointer
     */
    public static List<Egress> bind(JsonNode list, String pointer, Function<String, Location> locations) {
        List<Egress> bound = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            List<Integer> ports = new ArrayList<>();
            if (entry.path("port").isNumber()) {
                ports.add(entry.path("port").intValue());
            }
            entry.path("ports").forEach(port -> ports.add(port.intValue()));
            String at = JsonPointers.child(pointer, i);
            bound.add(new Egress(TreeValues.text(entry, "host", null), TreeValues.texts(entry, "cidrs"), ports,
                    TreeValues.text(entry, "protocol", DEFAULT_PROTOCOL).toUpperCase(Locale.ROOT), TreeValues.bool(entry, "anywhere", false),
                    TreeValues.text(entry, "reason", null), at, locations.apply(at)));
        }
        return List.copyOf(bound);
    }
}
