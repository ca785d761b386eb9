package dev.shipshape.spec;

import java.util.List;

/**
 * A public HTTPS route to a web component.
 *
 * @param host         fully qualified DNS name, no wildcard
 * @param path         path prefix, starting with {@code /}
 * @param sourceRanges CIDR allow list (seed 004); empty means the whole internet
 */
public record Route(String host, String path, List<String> sourceRanges) {
}
