package dev.shipshape.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.IngressController.Controller;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a route's settings become for the application's ingress controller
 * ({@code spec.ingress.controller}): the annotations of its Ingress and of the Service behind it,
 * and what the controller cannot do through annotations alone — reported as spec problems
 * ({@link #unsupported}) rather than silently dropped.
 *
 * <ul>
 *   <li>nginx (kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations):
 *       redirects, the source-range allow and deny lists and the backend protocol
 *       ({@code GRPC}, {@code GRPCS}, {@code HTTPS}) as Ingress annotations.</li>
 *   <li>traefik (doc.traefik.io, Kubernetes Ingress provider): the backend scheme as the Service
 *       annotation {@code service.serversscheme} ({@code https}, {@code h2c} for cleartext gRPC);
 *       allow lists and denied paths need Middleware objects, which shipshape does not emit, and
 *       the HTTP-to-HTTPS redirect is the entry point's configuration.</li>
 *   <li>gce (cloud.google.com/kubernetes-engine/docs/concepts/ingress-xlb): the backend protocol as
 *       the Service annotation {@code cloud.google.com/app-protocols} ({@code HTTPS}, {@code HTTP2});
 *       HTTP/2 to a backend needs TLS, so a cleartext gRPC backend cannot be routed; allow lists
 *       (Cloud Armor) and the redirect (FrontendConfig) need objects shipshape does not emit.</li>
 *   <li>other: no annotations; the controller reads the Service port's {@code appProtocol}
 *       ({@code kubernetes.io/h2c}, {@code https}), as Contour, Envoy Gateway and Istio do.</li>
 * </ul>
 */
public final class IngressAnnotations {

    /** ingress-nginx: redirect HTTP to HTTPS when the Ingress has TLS. */
    public static final String SSL_REDIRECT = "nginx.ingress.kubernetes.io/ssl-redirect";
    /** ingress-nginx: redirect HTTP to HTTPS even when TLS terminates in front of the controller. */
    public static final String FORCE_SSL_REDIRECT = "nginx.ingress.kubernetes.io/force-ssl-redirect";
    /** ingress-nginx: comma-separated CIDR allow list of client addresses. */
    public static final String SOURCE_RANGE = "nginx.ingress.kubernetes.io/whitelist-source-range";
    /** ingress-nginx (1.9 and later): comma-separated CIDR deny list of client addresses; matching clients get 403. */
    public static final String DENY_SOURCE_RANGE = "nginx.ingress.kubernetes.io/denylist-source-range";
    /** ingress-nginx: the protocol it speaks to the backend. */
    public static final String BACKEND_PROTOCOL = "nginx.ingress.kubernetes.io/backend-protocol";
    /** Traefik: the scheme it speaks to the Service's pods ({@code http}, {@code https}, {@code h2c}), a Service annotation. */
    public static final String TRAEFIK_SERVERS_SCHEME = "traefik.ingress.kubernetes.io/service.serversscheme";
    /** GKE Ingress: the protocol per Service port name, a JSON object ({@code HTTP}, {@code HTTPS}, {@code HTTP2}), a Service annotation. */
    public static final String GCE_APP_PROTOCOLS = "cloud.google.com/app-protocols";
    /** The annotations shipshape sets from a route's fields, which the route's own {@code annotations} may not set. */
    public static final Set<String> MANAGED = Set.of(SSL_REDIRECT, FORCE_SSL_REDIRECT, SOURCE_RANGE, DENY_SOURCE_RANGE, BACKEND_PROTOCOL,
            PublicRoutes.DNS_HOSTNAME, PublicRoutes.DNS_TTL);
    /** Every IPv4 and IPv6 address: the deny list of excluded paths. */
    static final String EVERY_ADDRESS = "0.0.0.0/0,::/0";

    /**
     * A route setting the controller cannot carry out from annotations.
     *
     * @param field   the route field, relative to the route ({@code /sourceRanges}, {@code /exclude}, {@code /port})
     * @param message what is wrong
     * @param fix     how to fix it
     */
    public record Unsupported(String field, String message, String fix) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An application whose routes are Gateway API routes: no Ingress, so no annotations and nothing a controller cannot do. */
    private static final IngressAnnotations NO_INGRESS = new IngressAnnotations(null, false);

    /** The ingress controller, or {@code null} when the routes are no Ingresses. */
    private final Controller controller;
    private final boolean redirect;

    /**
     * @param controller the application's ingress controller
     * @param redirect   whether plain HTTP is redirected to HTTPS ({@code spec.tls.redirect})
     */
    public IngressAnnotations(Controller controller, boolean redirect) {
        this.controller = controller;
        this.redirect = redirect;
    }

    /**
     * The annotations for an application view's ingress controller and {@code spec.tls.redirect} (no
     * redirect without spec.tls); with {@code spec.gateway}, none at all: its routes are checked by
     * the Gateway API's rules, not by an ingress controller's.
     */
    public static IngressAnnotations of(Application app) {
        if (app.routesThroughGateway()) {
            return NO_INGRESS;
        }
        return new IngressAnnotations(app.ingress() == null ? Controller.OTHER : app.ingress().controller(),
                app.tls() != null && app.tls().redirect());
    }

    /** The annotations of a route's Ingress forwarding to {@code backend}, before the route's own. */
    public Map<String, String> route(Route route, ServedPort backend) {
        Map<String, String> annotations = redirects();
        if (controller == Controller.NGINX) {
            if (!route.sourceRanges().isEmpty()) {
                annotations.put(SOURCE_RANGE, String.join(",", route.sourceRanges()));
            }
            String protocol = nginxBackendProtocol(backend);
            if (protocol != null) {
                annotations.put(BACKEND_PROTOCOL, protocol);
            }
        }
        return annotations;
    }

    /** The annotations of the Ingress that denies a route's excluded paths to every client (nginx only: {@link #unsupported} reports the others). */
    public Map<String, String> denyAll() {
        Map<String, String> annotations = redirects();
        if (controller == Controller.NGINX) {
            annotations.put(DENY_SOURCE_RANGE, EVERY_ADDRESS);
        }
        return annotations;
    }

    /**
     * The annotations of the Service the routes forward to, telling the controller what the routed
     * ports speak where it does not read {@code appProtocol}: Traefik's servers scheme, GKE's
     * app protocols; empty for nginx and other, and when every routed port is cleartext HTTP.
     *
     * @param routed the ports the component's routes forward to
     */
    public Map<String, String> service(List<ServedPort> routed) {
        Map<String, String> annotations = new TreeMap<>();
        if (controller == Controller.TRAEFIK) {
            routed.stream().map(IngressAnnotations::traefikScheme).filter(s -> s != null).findFirst()
                    .ifPresent(scheme -> annotations.put(TRAEFIK_SERVERS_SCHEME, scheme));
        } else if (controller == Controller.GCE) {
            Map<String, String> protocols = new TreeMap<>();
            routed.stream().filter(ServedPort::servesTls)
                    .forEach(p -> protocols.put(p.name(), p.protocol() == ServedPort.Protocol.GRPC ? "HTTP2" : "HTTPS"));
            if (!protocols.isEmpty()) {
                try {
                    annotations.put(GCE_APP_PROTOCOLS, JSON.writeValueAsString(protocols));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("a map of strings always serializes", e);
                }
            }
        }
        return annotations;
    }

    /**
     * What a route asks that the controller cannot do with annotations, each with its fix: a
     * source-range allow list or excluded paths on any controller but nginx; on Traefik, routes of
     * one Service to ports of different schemes (its scheme is one per Service); on GKE, a
     * cleartext gRPC backend. Nothing without an Ingress.
     *
     * @param route   the route
     * @param backend the port it forwards to, or {@code null} when it names none the component declares
     * @param routed  every port the component's routes forward to
     */
    public List<Unsupported> unsupported(Route route, ServedPort backend, List<ServedPort> routed) {
        List<Unsupported> problems = new ArrayList<>();
        if (controller == null || controller == Controller.NGINX) {
            return problems;
        }
        String name = "`" + controller.specName() + "`";
        String notNginx = " If the class is ingress-nginx's, set spec.ingress.controller: nginx.";
        if (!route.sourceRanges().isEmpty()) {
            problems.add(new Unsupported("/sourceRanges", "The ingress controller is " + name + ", which takes a source-range allow list only"
                    + " from objects of its own (" + allowListObject() + "), and shipshape writes only ingress-nginx's annotation.",
                    "Remove sourceRanges and admit clients with " + allowListObject() + " (a route annotation can reference it)." + notNginx));
        }
        if (!route.exclude().isEmpty()) {
            problems.add(new Unsupported("/exclude", "The ingress controller is " + name + ", which cannot deny paths from annotations alone;"
                    + " shipshape denies excluded paths with ingress-nginx's deny list.",
                    "Remove exclude and serve the paths on a port no route forwards to (for example metrics.port)." + notNginx));
        }
        if (backend == null) {
            return problems;
        }
        if (controller == Controller.GCE && backend.protocol() == ServedPort.Protocol.GRPC && !backend.servesTls()) {
            problems.add(new Unsupported("/port", "The ingress controller is `gce`, whose load balancer speaks HTTP/2 (gRPC) only over TLS to a"
                    + " backend; port `" + backend.name() + "` serves cleartext gRPC.", "Add `tls` to port `" + backend.name() + "`."));
        }
        if (controller == Controller.TRAEFIK && routed.stream().map(IngressAnnotations::traefikScheme).distinct().count() > 1) {
            problems.add(new Unsupported("/port", "The ingress controller is `traefik`, whose servers scheme is one per Service, but the routes"
                    + " forward to ports of different schemes (" + String.join(", ", routed.stream()
                    .map(p -> p.name() + ": " + (traefikScheme(p) == null ? "http" : traefikScheme(p))).toList()) + ").",
                    "Route ports that speak alike, or give each scheme a component of its own."));
        }
        return problems;
    }

    private String allowListObject() {
        return switch (controller) {
            case TRAEFIK -> "a Middleware of type ipAllowList";
            case GCE -> "a Cloud Armor policy through a BackendConfig";
            default -> "the controller's own policy objects";
        };
    }

    private Map<String, String> redirects() {
        Map<String, String> annotations = new TreeMap<>();
        if (controller == Controller.NGINX) {
            annotations.put(SSL_REDIRECT, Boolean.toString(redirect));
            annotations.put(FORCE_SSL_REDIRECT, Boolean.toString(redirect));
        }
        return annotations;
    }

    /** ingress-nginx's backend protocol: GRPC, GRPCS or HTTPS; {@code null} for cleartext HTTP (its default). */
    private static String nginxBackendProtocol(ServedPort backend) {
        if (backend == null) {
            return null;
        }
        if (backend.protocol() == ServedPort.Protocol.GRPC) {
            return backend.servesTls() ? "GRPCS" : "GRPC";
        }
        return backend.servesTls() ? "HTTPS" : null;
    }

    /** Traefik's servers scheme of a port: https over TLS, h2c for cleartext gRPC, {@code null} for cleartext HTTP (its default). */
    private static String traefikScheme(ServedPort port) {
        if (port.servesTls()) {
            return "https";
        }
        return port.protocol() == ServedPort.Protocol.GRPC ? "h2c" : null;
    }
}
