package dev.shipshape.spec;

/**
 * HTTPS for public routes, through cert-manager.
 *
 * @param issuer   {@code letsencrypt-production}, {@code letsencrypt-staging} (shipshape emits the
 *                 ACME ClusterIssuer) or the name of an existing ClusterIssuer
 * @param email    ACME account e-mail, required for the Let's Encrypt issuers
 * @param redirect whether plain HTTP is redirected to HTTPS
 */
public record Tls(String issuer, String email, boolean redirect) {
}
