package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Tls;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where certificates come from (cert-manager, cert-manager.io/docs/configuration/acme). For
 * {@code letsencrypt-production} and {@code letsencrypt-staging} shipshape emits a namespaced ACME
 * {@code Issuer} of that name with an HTTP-01 solver on the application's ingress class —
 * namespaced, so several applications on one cluster never fight over one ClusterIssuer; any
 * other issuer name references an existing ClusterIssuer.
 */
final class TlsObjects {

    /** Let's Encrypt ACME directories, by the issuer names shipshape manages (letsencrypt.org/docs/acme-protocol-updates). */
    static final Map<String, String> ACME_SERVERS = Map.of(
            "letsencrypt-production", "https://acme-v02.api.letsencrypt.org/directory",
            "letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory");

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;

    TlsObjects(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
    }

    /** Whether the application's certificates come from an ACME Issuer shipshape emits in its namespace. */
    boolean managesIssuer() {
        return app.tls() != null && ACME_SERVERS.containsKey(app.tls().issuer());
    }

    /** The cert-manager {@code issuerRef} of the application's Certificates. */
    Map<String, Object> issuerRef() {
        return OrderedMap.builder()
                .put("name", app.tls().issuer())
                .put("kind", managesIssuer() ? "Issuer" : "ClusterIssuer")
                .put("group", "cert-manager.io")
                .build();
    }

    /**
     * The ACME Issuer when shipshape manages it; the ACME account key lives in the Secret
     * {@code <issuer>-account-key}, which cert-manager creates.
     *
     * @throws IllegalArgumentException if a Let's Encrypt issuer has no e-mail
     */
    Optional<HasMetadata> issuer() {
        if (!managesIssuer()) {
            return Optional.empty();
        }
        Tls tls = app.tls();
        if (tls.email() == null || tls.email().isBlank()) {
            throw new IllegalArgumentException(app.location() + ": spec.tls.issuer " + tls.issuer()
                    + " needs spec.tls.email, the ACME account address Let's Encrypt writes to about expiring certificates");
        }
        Map<String, Object> solver = OrderedMap.builder()
                .put("http01", Map.of("ingress", Map.of("ingressClassName", app.ingress().className())))
                .build();
        Map<String, Object> acme = OrderedMap.builder()
                .put("server", ACME_SERVERS.get(tls.issuer()))
                .put("email", tls.email())
                .put("privateKeySecretRef", Map.of("name", tls.issuer() + "-account-key"))
                .put("solvers", List.of(solver))
                .build();
        return Optional.of(CustomResource.ISSUER.build(metadata.of(tls.issuer(), labels.application()), Map.of("acme", acme)));
    }
}
