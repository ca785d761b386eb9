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
import java.util.TreeMap;

/**
 * The public HTTPS routes of a component: per route an Ingress with TLS on the application's
 * ingress class and the cert-manager Certificate {@code <ingress>-tls} whose Secret it serves, and
 * for a route with excluded paths a second Ingress {@code <ingress>-excluded} that denies them.
 * Redirect, source-range, deny and backend-protocol annotations are the application's ingress
 * controller's ({@link IngressAnnotations}).
 * With {@code spec.gateway} the routes are Gateway API routes instead ({@link GatewayRoutes}).
 */
public final class PublicRoutes {

    /**
     * external-dns: the DNS names to create records for, pointing at the annotated object's load
     * balancer address; the one spelling of it, which {@link IngressAnnotations#MANAGED} and the
     * platform layer's {@code Capabilities} read.
     */
    public static final String DNS_HOSTNAME = "external-dns.alpha.kubernetes.io/hostname";
    /** external-dns: the records' TTL, seconds. */
    public static final String DNS_TTL = "external-dns.alpha.kubernetes.io/ttl";

    private final Labels labels;
    private final Metadata metadata;
    private final TlsObjects tls;
    private final String ingressClassName;
    private final IngressAnnotations annotations;
    private final Dns dns;

    /** @param dns the DNS records external-dns creates for each route's host ({@code spec.dns}), or {@code null} for none */
    public PublicRoutes(Labels labels, Metadata metadata, TlsObjects tls, String ingressClassName, IngressAnnotations annotations, Dns dns) {
        this.labels = labels;
        this.metadata = metadata;
        this.tls = tls;
        this.ingressClassName = ingressClassName;
        this.annotations = annotations;
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
        Map<String, String> annotations = this.annotations.route(route, backend(component, route));
        annotations.putAll(route.annotations());
        // one record per host, from the route's Ingress (its excluded-paths Ingress serves the same host)
        if (dns != null) {
            annotations.put(DNS_HOSTNAME, route.host());
            if (dns.ttl() != null) {
                annotations.put(DNS_TTL, Integer.toString(dns.ttl()));
            }
        }
        return ingress(component, route, name, tlsName(name), annotations, List.of(path(component, route, route.path())));
    }

    /** The served port a route forwards to, or {@code null} when the component declares none of that name (the loader reports it). */
    public static ServedPort backend(Component component, Route route) {
        return component.servedPorts().stream().filter(p -> p.name().equals(route.backendPort())).findFirst().orElse(null);
    }

    /** The served ports a component's routes forward to, each once, in route order. */
    public static List<ServedPort> routedPorts(Component component) {
        return component.routes().stream().map(route -> backend(component, route)).filter(java.util.Objects::nonNull).distinct().toList();
    }

    /**
     * The excluded paths, each a {@code Prefix} path longer than the route's, so ingress-nginx picks it
     * over the route's (the longest matching prefix wins); every client address is on its deny list,
     * so the controller answers 403 and never forwards the request.
     */
    private Ingress excluded(Component component, Route route, String name) {
        return ingress(component, route, excludedName(name), tlsName(name), annotations.denyAll(),
                route.exclude().stream().map(path -> path(component, route, path)).toList());
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
                .put("privateKey", TlsObjects.PRIVATE_KEY)
                .build();
        return CustomResource.CERTIFICATE.build(metadata.of(tlsName(name), labels.component(component)), spec);
    }
}
