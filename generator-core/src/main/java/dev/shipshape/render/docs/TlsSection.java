package dev.shipshape.render.docs;

import java.util.List;

/**
 * Certificates: which issuer signs each environment's hosts and how to check and renew them.
 *
 * @param environments   one row per environment
 * @param checkCommands  commands that show certificate state
 * @param renewCommand   the command that forces renewal
 */
record TlsSection(List<TlsRow> environments, List<String> checkCommands, String renewCommand) {

    /**
     * One environment's certificates.
     *
     * @param environment environment name
     * @param issuer      issuer name (a namespaced Issuer shipshape emits, or an existing ClusterIssuer)
     * @param source      {@code emitted by shipshape (Let's Encrypt ...)} or {@code existing in the cluster}
     * @param hosts       public hosts, comma separated, or {@code none}
     * @param redirect    {@code yes} when plain HTTP is redirected to HTTPS ({@code the shared Gateway's} when the platform decides)
     * @param servedBy    where TLS terminates: the Ingresses of a class, the application's own Gateway or a shared one
     */
    record TlsRow(String environment, String issuer, String source, String hosts, String redirect, String servedBy) {
    }
}
