package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Dns01;
import dev.shipshape.spec.SecretSource;
import dev.shipshape.spec.Tls;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where certificates come from (cert-manager, cert-manager.io/docs/configuration/acme). For
 * {@code letsencrypt-production} and {@code letsencrypt-staging} shipshape emits a namespaced ACME
 * {@code Issuer} of that name with an HTTP-01 solver on the application's ingress class (or the
 * DNS-01 provider of {@code spec.tls.dns01}) —
 * namespaced, so several applications on one cluster never fight over one ClusterIssuer; any
 * other issuer name references an existing ClusterIssuer. The solver answers through the ingress
 * controller, or through the application's own Gateway's HTTP listener.
 */
public final class TlsObjects {

    /** Certificate key: ECDSA P-256, regenerated on every renewal (cert-manager's recommended rotation). */
    static final Map<String, Object> PRIVATE_KEY = OrderedMap.builder()
            .put("algorithm", "ECDSA")
            .put("size", 256)
            .put("rotationPolicy", "Always")
            .build();

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;

    public TlsObjects(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
    }


    /** The cert-manager {@code issuerRef} of the application's route Certificates. */
    public Map<String, Object> issuerRef() {
        return issuerRef(app.tls().issuer(), app.tls().managedIssuer() ? "Issuer" : "ClusterIssuer");
    }

    /** A cert-manager {@code issuerRef}: name, kind ({@code Issuer} or {@code ClusterIssuer}), group {@code cert-manager.io}. */
    static Map<String, Object> issuerRef(String name, String kind) {
        return OrderedMap.builder()
                .put("name", name)
                .put("kind", kind)
                .put("group", "cert-manager.io")
                .build();
    }

    /**
     * The ACME Issuer when the view needs it ({@link Application#needsManagedIssuer()}: a route and a
     * Let's Encrypt issuer); the ACME account key lives in the Secret {@code <issuer>-account-key},
     * which cert-manager creates. The loader requires {@code spec.tls.email} (expiry notices); ACME
     * itself does not, so a model of an invalid spec's remainder still builds without it.
     */
    public Optional<HasMetadata> issuer() {
        if (!app.needsManagedIssuer()) {
            return Optional.empty();
        }
        Tls tls = app.tls();
        Map<String, Object> solver = tls.dns01() == null
                ? Map.of("http01", http01())
                : Map.of("dns01", Map.of(tls.dns01().provider(), dns01(tls.dns01())));
        Map<String, Object> acme = OrderedMap.builder()
                .put("server", Tls.ACME_SERVERS.get(tls.issuer()))
                .put("email", tls.email() == null || tls.email().isBlank() ? null : tls.email())
                .put("privateKeySecretRef", Map.of("name", tls.issuer() + "-account-key"))
                .put("solvers", List.of(solver))
                .build();
        return Optional.of(CustomResource.ISSUER.build(metadata.of(tls.issuer(), labels.application()), Map.of("acme", acme)));
    }

    /**
     * A DNS-01 provider's fields as cert-manager reads them: each {@code {secret, key}} of a spec
     * secret becomes cert-manager's {@code {name, key}} of the Kubernetes Secret it is
     * ({@link dev.shipshape.spec.SecretSource#secretName()}), every other field as written.
     */
    private Map<String, Object> dns01(Dns01 dns01) {
        Map<String, Object> settings = new TreeMap<>(dns01.settings());
        for (Dns01.SecretKey ref : dns01.secretKeys()) {
            SecretSource secret = app.secrets().get(ref.secret());
            settings.put(ref.field(), OrderedMap.builder()
                    .put("name", secret == null ? ref.secret() : secret.secretName())
                    .put("key", ref.key())
                    .build());
        }
        return settings;
    }

    /**
     * The HTTP-01 solver: an Ingress of the application's ingress class, or, on the application's own
     * Gateway, an HTTPRoute on its HTTP listener (cert-manager.io/docs/configuration/acme/http01, gatewayHTTPRoute).
     */
    private Map<String, Object> http01() {
        if (!app.routesThroughGateway()) {
            return Map.of("ingress", Map.of("ingressClassName", app.ingress().className()));
        }
        Map<String, Object> parent = OrderedMap.builder()
                .put("group", "gateway.networking.k8s.io")
                .put("kind", "Gateway")
                .put("name", app.gateway().name())
                .put("namespace", app.gateway().namespace())
                .put("sectionName", GatewayRoutes.HTTP_LISTENER)
                .build();
        return Map.of("gatewayHTTPRoute", Map.of("parentRefs", List.of(parent)));
    }
}
