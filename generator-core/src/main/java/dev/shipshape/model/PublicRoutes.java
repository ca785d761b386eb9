package dev.shipshape.model;

import dev.shipshape.spec.Route;
import dev.shipshape.spec.Component;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public HTTPS route of a web component: an Ingress with TLS on the application's ingress
 * class and the cert-manager Certificate {@code <component>-tls} whose Secret it serves. Redirect
 * and source-range annotations are ingress-nginx's (kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations).
 */
public final class PublicRoutes {

    /** ingress-nginx: redirect HTTP to HTTPS when the Ingress has TLS. */
    public static final String SSL_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect";
    /** ingress-nginx: redirect HTTP to HTTPS even when TLS terminates in front of the controller. */
    public static final String FORCE_SSL_REDIRECT = "nginx.ingress.kubernetes.io/force-ssl-redirect";
    /** ingress-nginx: comma-separated CIDR allow list of client addresses. */
    public static final String SOURCE_RANGE = "nginx.ingress.kubernetes.io/whitelist-source-range";

    /** Certificate key: ECDSA P-256, regenerated on every renewal (cert-manager's recommended rotation). */
    private static final Map<String, Object> PRIVATE_KEY = OrderedMap.builder()
            .put("algorithm", "ECDSA")
            .put("size", 256)
            .put("rotationPolicy", "Always")
            .build();

    private final Labels labels;
    private final Metadata metadata;
    private final TlsObjects tls;
    private final String ingressClassName;
    private final boolean redirect;

    public PublicRoutes(Labels labels, Metadata metadata, TlsObjects tls, String ingressClassName, boolean redirect) {
        this.labels = labels;
        this.metadata = metadata;
        this.tls = tls;
        this.ingressClassName = ingressClassName;
        this.redirect = redirect;
    }

    /** The name of the TLS Secret and Certificate of a routed component. */
    public static String tlsName(Component component) {
        return component.name() + "-tls";
    }

    /** The Ingress and Certificate of each route of a component (none without routes). */
    public List<HasMetadata> objects(Component component) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Route route : component.routes()) {
            objects.add(ingress(component, route));
            objects.add(certificate(component, route));
        }
        return objects;
    }

    private Ingress ingress(Component web, Route route) {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(SSL_REDIRECT, Boolean.toString(redirect));
        annotations.put(FORCE_SSL_REDIRECT, Boolean.toString(redirect));
        if (route.sourceRanges() != null && !route.sourceRanges().isEmpty()) {
            annotations.put(SOURCE_RANGE, String.join(",", route.sourceRanges()));
        }
        return new IngressBuilder().withMetadata(metadata.of(web.name(), labels.component(web), annotations))
                .withNewSpec()
                .withIngressClassName(ingressClassName)
                .addNewTl().withHosts(route.host()).withSecretName(tlsName(web)).endTl()
                .addNewRule()
                .withHost(route.host())
                .withNewHttp()
                .addNewPath()
                .withPath(route.path() != null ? route.path() : "/")
                .withPathType("Prefix")
                .withNewBackend().withNewService().withName(web.name()).withNewPort().withName(route.backendPort()).endPort()
                .endService().endBackend()
                .endPath()
                .endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    private HasMetadata certificate(Component web, Route route) {
        Map<String, Object> spec = OrderedMap.builder()
                .put("secretName", tlsName(web))
                .put("dnsNames", List.of(route.host()))
                .put("issuerRef", tls.issuerRef())
                .put("privateKey", PRIVATE_KEY)
                .build();
        return CustomResource.CERTIFICATE.build(metadata.of(tlsName(web), labels.component(web)), spec);
    }
}
