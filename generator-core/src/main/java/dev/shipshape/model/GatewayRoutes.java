package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Gateway;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The public routes of an application through the Gateway API (gateway-api.sigs.k8s.io, API v1,
 * standard channel): per route an {@code HTTPRoute}, or a {@code GRPCRoute} for a gRPC port, named
 * like the route's Ingress would be ({@link PublicRoutes#ingressName}).
 *
 * <p>For the application's own Gateway ({@link Gateway#owned()}) shipshape also emits the
 * {@code Gateway}: an {@value #HTTP_LISTENER} listener on port 80 and one HTTPS listener per host
 * on 443, {@code https-<host>}, terminating TLS with the Secret {@code <host>-tls}. The Gateway
 * carries cert-manager's annotations ({@code cert-manager.io/issuer} or {@code cluster-issuer},
 * and the private-key settings of {@link PublicRoutes}' Certificates), so cert-manager's Gateway
 * support (cert-manager.io/docs/usage/gateway: {@code config.enableGatewayAPI: true} from 1.15,
 * the {@code ExperimentalGatewayAPISupport} feature gate in 1.5 to 1.14) creates one Certificate
 * per HTTPS listener, named like its Secret. With {@code spec.tls.redirect} the routes attach to
 * the HTTPS listeners only and the HTTPRoute {@value #REDIRECT} answers plain HTTP on every host
 * with a {@code RequestRedirect} filter (scheme https, 301); cert-manager's HTTP-01 solver route
 * matches its challenge path exactly, which takes precedence over that route's prefix {@code /}.
 *
 * <p>For a shared Gateway the routes name it (and {@code sectionName}, if given) in their
 * {@code parentRefs}; its listeners, certificates and redirect are the platform's.
 *
 * <p>A route to a port that serves TLS itself gets the port's {@code BackendTLSPolicy}
 * ({@link BackendTlsPolicies}), so the Gateway speaks TLS to it and verifies its certificate.
 *
 * <p>Excluded paths become one rule without {@code backendRefs} matching them: its prefixes are
 * longer than the route's, so the rule takes precedence, and the Gateway API requires a rule
 * without backends to answer 500 (HTTPRouteRule.backendRefs; conformance test
 * HTTPRouteNoBackendRefs) — the request never reaches the component.
 */
public final class GatewayRoutes {

    /** The listener for plain HTTP (port 80) of the application's own Gateway. */
    public static final String HTTP_LISTENER = "http";
    /** The HTTPRoute that redirects plain HTTP to HTTPS on the application's own Gateway. */
    public static final String REDIRECT = "https-redirect";
    /** cert-manager's annotations on a Gateway (cert-manager.io/docs/usage/gateway, "Supported annotations"). */
    static final String ISSUER_ANNOTATION = "cert-manager.io/issuer";
    static final String CLUSTER_ISSUER_ANNOTATION = "cert-manager.io/cluster-issuer";
    private static final Map<String, String> PRIVATE_KEY_ANNOTATIONS = Map.of(
            "cert-manager.io/private-key-algorithm", "ECDSA",
            "cert-manager.io/private-key-size", "256",
            "cert-manager.io/private-key-rotation-policy", "Always");
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;
    private final BackendTlsPolicies backendTls;

    /** @param app an application view that routes through a Gateway ({@link Application#routesThroughGateway()}) */
    public GatewayRoutes(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
        this.backendTls = new BackendTlsPolicies(app, labels, metadata);
    }

    /** The HTTPS listener of a host on the application's own Gateway. */
    public static String listenerName(String host) {
        return "https-" + host;
    }

    /** The Secret (and cert-manager Certificate) of a host's HTTPS listener on the application's own Gateway. */
    public static String secretName(String host) {
        return host + "-tls";
    }

    /** The application-wide objects: its own Gateway and the redirect route, when it has routes and owns its Gateway; else none. */
    public List<HasMetadata> applicationObjects() {
        if (!app.hasRoutes() || !app.gateway().owned()) {
            return List.of();
        }
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(gateway());
        if (app.tls().redirect()) {
            objects.add(redirect());
        }
        return objects;
    }

    /**
     * Per route of a component, its HTTPRoute or GRPCRoute, in route order (none without routes), then
     * the BackendTLSPolicy of each routed port that serves TLS ({@link BackendTlsPolicies}).
     */
    public List<HasMetadata> objects(Component component) {
        List<HasMetadata> objects = new ArrayList<>();
        for (int i = 0; i < component.routes().size(); i++) {
            Route route = component.routes().get(i);
            ServedPort port = component.servedPorts().stream().filter(p -> p.name().equals(route.backendPort())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(component.location() + ": the route of " + component.name()
                            + " forwards to port " + route.backendPort() + ", which it does not declare"));
            objects.add(port.protocol() == ServedPort.Protocol.GRPC ? grpcRoute(component, route, i, port) : httpRoute(component, route, i, port));
        }
        objects.addAll(backendTls.of(component));
        return objects;
    }

    private HasMetadata httpRoute(Component component, Route route, int index, ServedPort port) {
        List<Object> rules = new ArrayList<>();
        rules.add(OrderedMap.builder()
                .put("matches", List.of(pathPrefix(route.path())))
                .put("backendRefs", List.of(backend(component, port)))
                .build());
        if (!route.exclude().isEmpty()) {
            rules.add(Map.of("matches", route.exclude().stream().map(GatewayRoutes::pathPrefix).toList()));
        }
        return CustomResource.HTTP_ROUTE.build(routeMetadata(component, route, index), routeSpec(route, rules));
    }

    private HasMetadata grpcRoute(Component component, Route route, int index, ServedPort port) {
        List<Object> rules = List.of(Map.of("backendRefs", List.of(backend(component, port))));
        return CustomResource.GRPC_ROUTE.build(routeMetadata(component, route, index), routeSpec(route, rules));
    }

    private io.fabric8.kubernetes.api.model.ObjectMeta routeMetadata(Component component, Route route, int index) {
        return metadata.of(PublicRoutes.ingressName(component, index), labels.component(component), new TreeMap<>(route.annotations()));
    }

    private Map<String, Object> routeSpec(Route route, List<Object> rules) {
        return OrderedMap.builder()
                .put("parentRefs", parentRefs(route))
                .put("hostnames", List.of(route.host()))
                .put("rules", rules)
                .build();
    }

    /**
     * The own Gateway's HTTPS listener of the route's host, and its HTTP listener too unless plain
     * HTTP is redirected; or the shared Gateway (and its {@code sectionName}).
     */
    private List<Object> parentRefs(Route route) {
        Gateway gateway = app.gateway();
        if (!gateway.owned()) {
            return List.of(OrderedMap.builder()
                    .put("name", gateway.name())
                    .put("namespace", gateway.namespace())
                    .put("sectionName", gateway.sectionName())
                    .build());
        }
        List<Object> parents = new ArrayList<>();
        parents.add(OrderedMap.builder().put("name", gateway.name()).put("sectionName", listenerName(route.host())).build());
        if (!app.tls().redirect()) {
            parents.add(OrderedMap.builder().put("name", gateway.name()).put("sectionName", HTTP_LISTENER).build());
        }
        return parents;
    }

    private static Map<String, Object> pathPrefix(String path) {
        return Map.of("path", OrderedMap.builder().put("type", "PathPrefix").put("value", path).build());
    }

    private static Map<String, Object> backend(Component component, ServedPort port) {
        return OrderedMap.builder().put("name", component.name()).put("port", port.servicePort()).build();
    }

    /** The application's own Gateway: the HTTP listener, then one HTTPS listener per host, sorted by host. */
    private HasMetadata gateway() {
        List<Object> listeners = new ArrayList<>();
        listeners.add(listener(HTTP_LISTENER, null, "HTTP", HTTP_PORT, null));
        for (String host : hosts()) {
            Map<String, Object> tls = OrderedMap.builder()
                    .put("mode", "Terminate")
                    .put("certificateRefs", List.of(OrderedMap.builder().put("kind", "Secret").put("name", secretName(host)).build()))
                    .build();
            listeners.add(listener(listenerName(host), host, "HTTPS", HTTPS_PORT, tls));
        }
        Map<String, String> annotations = new TreeMap<>(PRIVATE_KEY_ANNOTATIONS);
        annotations.put(app.tls().managedIssuer() ? ISSUER_ANNOTATION : CLUSTER_ISSUER_ANNOTATION, app.tls().issuer());
        Map<String, Object> spec = OrderedMap.builder()
                .put("gatewayClassName", app.gateway().className())
                .put("listeners", listeners)
                .build();
        return CustomResource.GATEWAY.build(metadata.of(app.gateway().name(), labels.application(), annotations), spec);
    }

    private static Map<String, Object> listener(String name, String host, String protocol, int port, Map<String, Object> tls) {
        return OrderedMap.builder()
                .put("name", name)
                .put("hostname", host)
                .put("protocol", protocol)
                .put("port", port)
                .put("tls", tls)
                .put("allowedRoutes", Map.of("namespaces", Map.of("from", "Same")))
                .build();
    }

    /** The HTTPRoute on the own Gateway's HTTP listener that answers every host with a 301 to HTTPS. */
    private HasMetadata redirect() {
        Map<String, Object> filter = OrderedMap.builder()
                .put("type", "RequestRedirect")
                .put("requestRedirect", OrderedMap.builder().put("scheme", "https").put("statusCode", 301).build())
                .build();
        Map<String, Object> spec = OrderedMap.builder()
                .put("parentRefs", List.of(OrderedMap.builder().put("name", app.gateway().name()).put("sectionName", HTTP_LISTENER).build()))
                .put("hostnames", List.copyOf(hosts()))
                .put("rules", List.of(Map.of("filters", List.of(filter))))
                .build();
        return CustomResource.HTTP_ROUTE.build(metadata.of(REDIRECT, labels.application()), spec);
    }

    private SortedSet<String> hosts() {
        SortedSet<String> hosts = new TreeSet<>();
        app.components().forEach(c -> c.routes().forEach(r -> hosts.add(r.host())));
        return hosts;
    }

    /**
     * The cert-manager Certificate that serves a component's route at {@code index}: the route's
     * own ({@code <ingress>-tls}) for an Ingress, the host's listener's for the application's own
     * Gateway, none for a shared Gateway (the platform's).
     */
    public static Optional<String> certificateName(Application app, Component component, int index) {
        if (!app.routesThroughGateway()) {
            return Optional.of(PublicRoutes.tlsName(PublicRoutes.ingressName(component, index)));
        }
        return app.gateway().owned() ? Optional.of(secretName(component.routes().get(index).host())) : Optional.empty();
    }
}
