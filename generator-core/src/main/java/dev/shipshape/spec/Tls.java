package dev.shipshape.spec;

import java.util.Map;

/**
 * HTTPS for public routes, through cert-manager.
 *
 * @param issuer   {@code letsencrypt-production}, {@code letsencrypt-staging} (shipshape emits a
 *                 namespaced ACME {@code Issuer} of that name) or the name of an existing ClusterIssuer
 * @param email    ACME account e-mail, required when shipshape emits the Let's Encrypt issuer
 * @param redirect whether plain HTTP is redirected to HTTPS
 * @param dns01    the DNS-01 provider of the Let's Encrypt issuer shipshape emits, or {@code null} for HTTP-01
 */
public record Tls(String issuer, String email, boolean redirect, Dns01 dns01) {

    /** HTTPS whose Let's Encrypt issuer solves HTTP-01. */
    public Tls(String issuer, String email, boolean redirect) {
        this(issuer, email, redirect, null);
    }

    /** Let's Encrypt ACME directories, by the issuer names shipshape emits itself (letsencrypt.org/docs/acme-protocol-updates). */
    public static final Map<String, String> ACME_SERVERS = Map.of(
            "letsencrypt-production", "https://acme-v02.api.letsencrypt.org/directory",
            "letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory");

    /** Whether the issuer is one shipshape emits as a namespaced ACME {@code Issuer} (else an existing ClusterIssuer). */
    public boolean managedIssuer() {
        return ACME_SERVERS.containsKey(issuer);
    }
}
