package dev.shipshape.model;

import dev.shipshape.spec.IngressController.Controller;
import dev.shipshape.spec.PortTls;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import dev.shipshape.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a route's settings become per ingress controller, and what each cannot do. */
class IngressAnnotationsTest {

    private static final PortTls TLS = new PortTls("/tls", null, List.of(), PortTls.CERT_KEY, PortTls.KEY_KEY);
    private static final ServedPort HTTP = new ServedPort("http", 8080, 80, ServedPort.Protocol.HTTP, null, null, "/ports/http");
    private static final ServedPort HTTPS = new ServedPort("https", 8443, 443, ServedPort.Protocol.HTTP, null, TLS, "/ports/https");
    private static final ServedPort GRPC = new ServedPort("grpc", 9090, 9090, ServedPort.Protocol.GRPC, null, null, "/ports/grpc");
    private static final ServedPort GRPCS = new ServedPort("grpcs", 9443, 9443, ServedPort.Protocol.GRPC, null, TLS, "/ports/grpcs");
    private static final Route PLAIN = new Route("www.example.com", "/", List.of());
    private static final Route LIMITED = new Route("www.example.com", "/", List.of("203.0.113.0/24"), "/route", "http", Map.of(),
            List.of("/metrics"));

    @Test
    void theControllerFollowsTheClassNameUnlessTheSpecSaysIt() {
        assertEquals(List.of(Controller.NGINX, Controller.NGINX, Controller.TRAEFIK, Controller.GCE, Controller.GCE, Controller.OTHER),
                List.of("nginx", "internal-nginx", "traefik-proxy", "gce", "gce-internal", "contour").stream().map(Controller::fromClassName).toList());
    }

    @Test
    void nginxTakesEverythingAsIngressAnnotations() {
        IngressAnnotations nginx = new IngressAnnotations(Controller.NGINX, true);
        assertEquals(Map.of(IngressAnnotations.SSL_REDIRECT, "true", IngressAnnotations.FORCE_SSL_REDIRECT, "true",
                IngressAnnotations.SOURCE_RANGE, "203.0.113.0/24"), nginx.route(LIMITED, HTTP));
        assertEquals("HTTPS", nginx.route(PLAIN, HTTPS).get(IngressAnnotations.BACKEND_PROTOCOL));
        assertEquals("GRPC", nginx.route(PLAIN, GRPC).get(IngressAnnotations.BACKEND_PROTOCOL));
        assertEquals("GRPCS", nginx.route(PLAIN, GRPCS).get(IngressAnnotations.BACKEND_PROTOCOL));
        assertEquals(Map.of(), nginx.service(List.of(HTTPS, GRPC)));
        assertEquals(List.of(), nginx.unsupported(LIMITED, HTTP, List.of(HTTP)));
    }

    @Test
    void traefikLearnsTheBackendSchemeFromTheServiceAndRejectsWhatNeedsMiddlewares() {
        IngressAnnotations traefik = new IngressAnnotations(Controller.TRAEFIK, true);
        assertEquals(Map.of(), traefik.route(PLAIN, HTTPS), "no ingress-nginx annotation, no redirect: the entry point's");
        assertEquals(Map.of(IngressAnnotations.TRAEFIK_SERVERS_SCHEME, "https"), traefik.service(List.of(HTTPS)));
        assertEquals(Map.of(IngressAnnotations.TRAEFIK_SERVERS_SCHEME, "h2c"), traefik.service(List.of(GRPC)));
        assertEquals(Map.of(), traefik.service(List.of(HTTP)));
        assertEquals(List.of("/sourceRanges", "/exclude"), traefik.unsupported(LIMITED, HTTP, List.of(HTTP)).stream()
                .map(IngressAnnotations.Unsupported::field).toList());
        List<IngressAnnotations.Unsupported> mixed = traefik.unsupported(PLAIN, HTTP, List.of(HTTP, HTTPS));
        assertEquals(1, mixed.size());
        assertTrue(mixed.get(0).message().contains("http: http, https: https"), mixed.get(0).message());
    }

    @Test
    void gkeLearnsTlsBackendsFromTheServiceAndCannotRouteCleartextGrpc() {
        IngressAnnotations gce = new IngressAnnotations(Controller.GCE, true);
        assertEquals(Map.of(), gce.route(LIMITED, HTTPS));
        assertEquals(Map.of(IngressAnnotations.GCE_APP_PROTOCOLS, "{\"grpcs\":\"HTTP2\",\"https\":\"HTTPS\"}"), gce.service(List.of(HTTPS, GRPCS, HTTP)));
        assertEquals(List.of("/port"), gce.unsupported(PLAIN, GRPC, List.of(GRPC)).stream().map(IngressAnnotations.Unsupported::field).toList());
        assertEquals(List.of(), gce.unsupported(PLAIN, GRPCS, List.of(GRPCS)));
    }

    /** boutique routes through its own Gateway: no Ingress, so neither annotations nor anything a controller cannot do. */
    @Test
    void routesThroughAGatewayHaveNoIngressController() throws Exception {
        IngressAnnotations none = IngressAnnotations.of(new SpecLoader().load(RepositoryRoot.path().resolve("specs/boutique.yaml")).defaults());
        assertEquals(Map.of(), none.route(LIMITED, GRPCS));
        assertEquals(Map.of(), none.denyAll());
        assertEquals(Map.of(), none.service(List.of(HTTPS, GRPC)));
        assertEquals(List.of(), none.unsupported(LIMITED, GRPC, List.of(HTTP, GRPC)));
    }

    @Test
    void anyOtherControllerGetsNoAnnotations() {
        IngressAnnotations other = new IngressAnnotations(Controller.OTHER, true);
        assertEquals(Map.of(), other.route(LIMITED, GRPCS));
        assertEquals(Map.of(), other.denyAll());
        assertEquals(Map.of(), other.service(List.of(HTTPS, GRPC)));
        assertEquals(2, other.unsupported(LIMITED, HTTP, List.of(HTTP)).size());
    }
}
