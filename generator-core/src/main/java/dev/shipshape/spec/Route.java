package dev.shipshape.spec;

import java.util.List;

/**
 * A public HTTPS route to a component.
 *
 * @param host         fully qualified DNS name, no wildcard
 * @param path         path prefix, starting with {@code /}
 * @param sourceRanges CIDR allow list (seed 004); empty means the whole internet
 * @param pointer      where the route is written, relative to its component's entry (for example {@code /route})
 * @param backendPort  the name of the component's Service port the route forwards to
 */
public record Route(String host, String path, List<String> sourceRanges, String pointer, String backendPort) {

    /** A route written at {@code /route} of its component, to its Service port {@code http}. */
    public Route(String host, String path, List<String> sourceRanges) {
        this(host, path, sourceRanges, "/route", "http");
    }

    /** {@code https://<host><path>}. */
    public String url() {
        return "https://" + host + path;
    }
}
