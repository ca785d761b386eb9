package dev.shipshape.spec;

/**
 * A container image reference split into its parts.
 *
 * @param repository registry and path, for example {@code ghcr.io/acme/api} or {@code acme/api}
 * @param tag        tag, or {@code null}
 * @param digest     {@code sha256:<64 hex>} digest, or {@code null}
 */
public record ImageReference(String repository, String tag, String digest) {

    /** The reference as a container runtime takes it: {@code repository[:tag][@digest]}. */
    public String reference() {
        StringBuilder ref = new StringBuilder(repository);
        if (tag != null) {
            ref.append(':').append(tag);
        }
        if (digest != null) {
            ref.append('@').append(digest);
        }
        return ref.toString();
    }

    @Override
    public String toString() {
        return reference();
    }
}
