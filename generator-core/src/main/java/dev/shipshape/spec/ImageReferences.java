package dev.shipshape.spec;

/**
 * Splits container image references, following the grammar of the OCI distribution reference
 * ({@code github.com/distribution/reference}): {@code [registry[:port]/]path[:tag][@sha256:digest]}.
 * The spec schema's {@code image} pattern validates a reference before it is split here.
 */
public final class ImageReferences {

    private ImageReferences() {
    }

    /**
     * @param reference an image reference the schema accepted, for example {@code ghcr.io/acme/api:1.4.2}
     * @return its repository (registry and path), tag and digest
     * @throws IllegalArgumentException if the reference has no repository or an empty tag or digest
     */
    public static ImageReference parse(String reference) {
        String rest = reference;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty() || "".equals(tag) || "".equals(digest)) {
            throw new IllegalArgumentException("not an image reference: " + reference);
        }
        return new ImageReference(rest, tag, digest);
    }
}
