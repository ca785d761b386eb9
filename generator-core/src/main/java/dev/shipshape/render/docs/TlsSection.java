package dev.shipshape.render.docs;

import java.util.List;

/**
 * Certificates: which issuer signs each environment's hosts, the certificates pods serve TLS with
 * and the internal CA that signs them, and how to check and renew them.
 *
 * @param environments    one row per environment
 * @param podCertificates one row per environment and port that serves TLS itself; empty without in-pod TLS
 * @param internalCa      the internal CA's Certificate, Secret and Issuer name when some environment uses it, else {@code null}
 * @param caCommand       the command that prints the internal CA's certificate, {@code null} without it
 * @param checkCommands   commands that show certificate state
 * @param renewCommand    the command that forces renewal
 */
record TlsSection(List<TlsRow> environments, List<PodCertificateRow> podCertificates, String internalCa, String caCommand,
                  List<String> checkCommands, String renewCommand) {

    /** Whether some pod serves TLS itself, so the section lists its certificates. */
    public boolean hasPodCertificates() {
        return !podCertificates.isEmpty();
    }

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

    /**
     * A certificate a pod serves TLS with (in-pod TLS).
     *
     * @param environment environment name
     * @param component   the component
     * @param port        the port's name
     * @param certificate the Certificate and its Secret
     * @param issuer      {@code internal CA} or the named issuer ({@code ClusterIssuer `x`})
     * @param mountPath   where the pod mounts the Secret
     */
    record PodCertificateRow(String environment, String component, String port, String certificate, String issuer, String mountPath) {
    }
}
