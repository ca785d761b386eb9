package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.PortTls;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/**
 * How the Gateway speaks TLS to a component port that serves it itself ({@link PortTls}): per port
 * with {@code tls} that a Gateway API route forwards to, a {@code BackendTLSPolicy}
 * (gateway-api.sigs.k8s.io/api-types/backendtlspolicy, v1 since Gateway API 1.4) named like the
 * port's Certificate, {@code <component>-<port>-tls}, targeting the component's Service at that
 * port ({@code sectionName}).
 *
 * <p>{@code validation.hostname}, the SNI and the name the served certificate must carry, is the
 * certificate's first DNS name: {@code <c>.<ns>.svc} for the in-cluster names. The trust anchor
 * ({@link PortTls#trust()}) is either the CA in the key {@value PortTls#CA_KEY} of the port's own
 * certificate Secret — which the internal CA (and cert-manager's CA and Vault issuers) writes and
 * renews with the certificate — as a {@code Secret} reference, or the system trust store
 * ({@code wellKnownCACertificates: System}). The Gateway API's core support is a ConfigMap with
 * {@code ca.crt}; a Secret reference is implementation-specific, and it is what Envoy Gateway, which
 * the platform layer installs for the application's own Gateway, reads (since v1.1). cert-manager
 * writes only Secrets, and copying the CA into a ConfigMap takes trust-manager, whose sources live in
 * its own trust namespace, not the application's; {@code GatewayChecks} therefore refuses such a
 * route on a shared Gateway, whose implementation shipshape does not know.
 */
final class BackendTlsPolicies {

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;

    BackendTlsPolicies(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
    }

    /** Per TLS port of the component that one of its routes forwards to, its BackendTLSPolicy, in port order. */
    List<HasMetadata> of(Component component) {
        List<String> routed = component.routes().stream().map(Route::backendPort).toList();
        return PodCertificates.tlsPorts(component).stream().filter(port -> routed.contains(port.name()))
                .map(port -> policy(component, port)).toList();
    }

    private HasMetadata policy(Component component, ServedPort port) {
        Map<String, Object> target = OrderedMap.builder()
                .put("group", "")
                .put("kind", "Service")
                .put("name", component.name())
                .put("sectionName", port.name())
                .build();
        String secret = PodCertificates.secretName(component.name(), port);
        Map<String, Object> validation = OrderedMap.builder()
                .put("hostname", port.tls().dnsNames().isEmpty() ? PodCertificates.serviceName(component.name(), app.namespace())
                        : port.tls().dnsNames().get(0))
                .put("caCertificateRefs", port.tls().trust() == PortTls.Trust.SYSTEM ? null
                        : List.of(OrderedMap.builder().put("group", "").put("kind", "Secret").put("name", secret).build()))
                .put("wellKnownCACertificates", port.tls().trust() == PortTls.Trust.SYSTEM ? "System" : null)
                .build();
        Map<String, Object> spec = OrderedMap.builder()
                .put("targetRefs", List.of(target))
                .put("validation", validation)
                .build();
        return CustomResource.BACKEND_TLS_POLICY.build(metadata.of(secret, labels.component(component)), spec);
    }
}
