package dev.shipshape.model;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.Dns;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The public HTTPS routes of a component: per route an Ingress with TLS on the application's
 * ingress class and the cert-manager Certificate {@code <ingress>-tls} whose Secret it serves, and
 * for a route with excluded paths a second Ingress {@code <ingress>-excluded} that denies them.
 * Redirect, source-range, deny and backend-protocol annotations are ingress-nginx's
 * (kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations), the controller
 * shipshape's Ingresses are written for; a controller that reads the Service port's
 * {@code appProtocol} instead (Contour, Envoy Gateway, GKE) learns gRPC from {@code kubernetes.io/h2c}.
 */
public final class PublicRoutes {

    /** ingress-nginx: redirect HTTP to HTTPS when the Ingress has TLS. */
    public static final String SSL_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect";
    /** ingress-nginx: redirect HTTP to HTTPS even when TLS terminates in front of the controller. */
    public static final String FORCE_SSL_REDIRECT = "nginx.ingress.kubernetes.io/force-ssl-redirect";
    /** ingress-nginx: comma-separated CIDR allow list of client addresses. */
    public static final String SOURCE_RANGE = "nginx.ingress.kubernetes.io/whitelist-source-range";
    /** ingress-nginx (1.9 and later): comma-separated CIDR deny list of client addresses; matching clients get 403. */
    public static final String DENY_SOURCE_RANGE = "nginx.ingress.kubernetes.io/denylist-source-range";
    /** ingress-nginx: the protocol it speaks to the backend, {@code GRPC} for a cleartext gRPC server. */
    public static final String BACKEND_PROTOCOL = "nginx.ingress.kubernetes.io/backend-protocol";
    /** external-dns: the DNS names to create records for, pointing at the Ingress's load balancer address. */
    public static final String DNS_HOSTNAME = "external-dns.alpha.kubernetes.io/hostname";
    /** external-dns: the records' TTL, seconds. */
    public static final String DNS_TTL = "external-dns.alpha.kubernetes.io/ttl";
    /** The annotations shipshape sets from a route's fields, which the route's own {@code annotations} may not set. */
    public static final Set<String> MANAGED_ANNOTATIONS = Set.of(SSL_REDIRECT, FORCE_SSL_REDIRECT, SOURCE_RANGE, DENY_SOURCE_RANGE,
            BACKEND_PROTOCOL, DNS_HOSTNAME, DNS_TTL);
    /** Every IPv4 and IPv6 address: the deny list of excluded paths. */
    static final String EVERY_ADDRESS = "0.0.0.0/0,::/0";

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
    private final Dns dns;

    public PublicRoutes(Labels labels, Metadata metadata, TlsObjects tls, String ingressClassName, boolean redirect) {
        this(labels, metadata, tls, ingressClassName, redirect, null);
    }

    /** @param dns the DNS records external-dns creates for each route's host ({@code spec.dns}), or {@code null} for none */
    public PublicRoutes(Labels labels, Metadata metadata, TlsObjects tls, String ingressClassName, boolean redirect, Dns dns) {
        this.labels = labels;
        this.metadata = metadata;
        this.tls = tls;
        this.ingressClassName = ingressClassName;
        this.redirect = redirect;
        this.dns = dns;
    }

    /** The Ingress of a component's route at {@code index} (0-based): {@code <component>}, then {@code <component>-2}, ... */
    public static String ingressName(Component component, int index) {
        return index == 0 ? component.name() : component.name() + "-" + (index + 1);
    }

    /** The name of the TLS Secret and Certificate of a route's Ingress. */
    public static String tlsName(String ingressName) {
        return ingressName + "-tls";
    }

    /** The Ingress that denies a route's excluded paths. */
    public static String excludedName(String ingressName) {
        return ingressName + "-excluded";
    }

    /** Per route of a component, its Ingress, its Certificate and the Ingress of its excluded paths (none without routes). */
    public List<HasMetadata> objects(Component component) {
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < component.routes().size(); i++) {
            Route route = component.routes().get(i);
            String name = ingressName(component, i);
            objects.add(ingress(component, route, name));
            objects.add(certificate(component, route, name));
            if (!route.exclude().isEmpty()) {
                objects.add(excluded(component, route, name));
            }
        }
        return objects;
    }

    private Ingress ingress(Component component, Route route, String name) {
        Map<String, String> annotations = redirects();
        annotations.putAll(route.annotations());
        if (!route.sourceRanges().isEmpty()) {
            annotations.put(SOURCE_RANGE, String.join(",", route.sourceRanges()));
        }
        component.servedPorts().stream().filter(p -> p.name().equals(route.backendPort()) && p.protocol() == ServedPort.Protocol.GRPC)
                .findFirst().ifPresent(grpc -> annotations.put(BACKEND_PROTOCOL, "GRPC"));
        // one record per host, from the route's Ingress (its excluded-paths Ingress serves the same host)
        if (dns != null) {
            annotations.put(DNS_HOSTNAME, route.host());
            if (dns.ttl() != null) {
                annotations.put(DNS_TTL, Integer.toString(dns.ttl()));
            }
        }
        return ingress(component, route, name, tlsName(name), annotations, List.of(path(component, route, route.path())));
    }

    /**
     * The excluded paths, each a {@code Prefix} path longer than the route's, so ingress-nginx picks it
     * over the route's (the longest matching prefix wins); every client address is on its deny list,
     * so the controller answers 403 and never forwards the request.
     */
    private Ingress excluded(Component component, Route route, String name) {
        Map<String, String> annotations = redirects();
        annotations.put(DENY_SOURCE_RANGE, EVERY_ADDRESS);
        return ingress(component, route, excludedName(name), tlsName(name), annotations,
                route.exclude().stream().map(path -> path(component, route, path)).toList());
    }

    private Map<String, String> redirects() {
        Map<String, String> annotations = new TreeMap<>();
        annotations.put(SSL_REDIRECT, Boolean.toString(redirect));
        annotations.put(FORCE_SSL_REDIRECT, Boolean.toString(redirect));
        return annotations;
    }

    private Ingress ingress(Component component, Route route, String name, String tlsSecret, Map<String, String> annotations,
                            List<HTTPIngressPath> paths) {
        return new IngressBuilder().withMetadata(metadata.of(name, labels.component(component), new TreeMap<>(annotations)))
                .withNewSpec()
                .withIngressClassName(ingressClassName)
                .addNewTl().withHosts(route.host()).withSecretName(tlsSecret).endTl()
                .addNewRule()
                .withHost(route.host())
                .withNewHttp().withPaths(paths).endHttp()
                .endRule()
                .endSpec()
                .build();
    }

    private static HTTPIngressPath path(Component component, Route route, String path) {
        return new HTTPIngressPathBuilder()
                .withPath(path)
                .withPathType("Prefix")
                .withNewBackend().withNewService().withName(component.name()).withNewPort().withName(route.backendPort()).endPort()
                .endService().endBackend()
                .build();
    }

    private HasMetadata certificate(Component component, Route route, String name) {
        Map<String, Object> spec = OrderedMap.builder()
                .put("secretName", tlsName(name))
                .put("dnsNames", List.of(route.host()))
                .put("issuerRef", tls.issuerRef())
                .put("privateKey", PRIVATE_KEY)
                .build();
        return CustomResource.CERTIFICATE.build(metadata.of(tlsName(name), labels.component(component)), spec);
    }
}
