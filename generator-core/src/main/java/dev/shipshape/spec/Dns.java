package dev.shipshape.spec;

/**
 * DNS records for the public routes ({@code spec.dns}), which external-dns creates from the
 * annotations on each route's Ingress (https://kubernetes-sigs.github.io/external-dns/latest/docs/annotations/annotations/).
 * The DNS provider and its credentials are external-dns's configuration, in the platform layer.
 *
 * @param ttl the records' TTL in seconds, or {@code null} for the provider's default
 */
public record Dns(Integer ttl) {
}
