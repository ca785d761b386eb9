package dev.shipshape.model;

import dev.shipshape.render.ObjectYaml;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Routes through the Gateway API on real specs: the application's own Gateway with cert-manager's
 * annotations, HTTPRoutes with excluded paths, a GRPCRoute, the HTTP-to-HTTPS redirect route, the
 * ACME solver on the Gateway, a shared Gateway, an environment switched from Ingress to a Gateway, and
 * the BackendTLSPolicies of ports serving TLS themselves.
 */
class GatewayRoutesTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();

    @TempDir
    Path dir;

    private static final InlineSpec SHOP = InlineSpec.application("shop");

    /** A shop with an HTTP frontend (an excluded probe path, a second host) and a public gRPC API, on Envoy Gateway. */
    private static final String OWN = """
            tls: {email: ops@example.com}
            gateway: {className: eg}
            monitoring: {namespace: monitoring}
            components:
              web:
                type: web
                image: ghcr.io/example/web:1.0.0
                ports:
                  http: {port: 8080, servicePort: 80}
                routes:
                  - host: shop.example.com
                    exclude: [/internal, /metrics]
                    annotations: {example.com/owner: storefront}
                  - host: www.example.com
                    path: /legacy
              catalog:
                type: web
                image: ghcr.io/example/catalog:1.0.0
                ports:
                  grpc: {port: 3550, protocol: grpc}
                route: {host: api.example.com, port: grpc}
            environments:
              staging:
                tls: {issuer: letsencrypt-staging, redirect: false}
              production: {}
            """;

    /** The same application on the platform's shared Gateway; production is switched from its Ingress. */
    private static final String SHARED = """
            tls: {email: ops@example.com}
            ingress: {className: traefik, controllerNamespace: traefik}
            components:
              web:
                type: web
                image: ghcr.io/example/web:1.0.0
                ports:
                  http: {port: 8080}
                route: {host: shop.example.com}
            environments:
              staging: {}
              production:
                ingress: null
                gateway: {name: public, namespace: gateway-system, sectionName: https}
            """;

    /**
     * Components serving TLS themselves behind the own Gateway: an API with the internal CA's
     * certificate, a gRPC service with a public CA's, and a port with TLS that no route reaches.
     */
    private static final String TLS_BACKENDS = """
            tls: {email: ops@example.com}
            gateway: {className: eg}
            components:
              api:
                type: web
                image: ghcr.io/example/api:1.0.0
                ports:
                  https: {port: 8443, tls: {mountPath: /tls}}
                  admin: {port: 9443, tls: {mountPath: /admin-tls}}
                routes:
                  - {host: api.example.com, port: https}
                  - {host: www.example.com, port: https}
              catalog:
                type: web
                image: ghcr.io/example/catalog:1.0.0
                ports:
                  grpc:
                    port: 3550
                    protocol: grpc
                    tls: {mountPath: /tls, issuer: {name: letsencrypt-dns01, trust: system}, dnsNames: [catalog.example.com]}
                route: {host: catalog.example.com, port: grpc}
            """;

    private static GenericKubernetesResource resource(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .map(GenericKubernetesResource.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + ModelObjects.kindsAndNames(objects)));
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(GenericKubernetesResource object, String... path) {
        Object value = object.getAdditionalProperties();
        for (String key : path) {
            value = value instanceof List<?> list ? list.get(Integer.parseInt(key)) : ((Map<String, Object>) value).get(key);
        }
        return (T) value;
    }

    private static List<String> kinds(List<HasMetadata> objects) {
        return objects.stream().map(HasMetadata::getKind).distinct().sorted().toList();
    }

    @Test
    void theOwnGatewayHasAnHttpListenerAndOneHttpsListenerPerHostWithCertManagerAnnotations() throws Exception {
        GenericKubernetesResource gateway = resource(SHOP.model(dir, OWN).defaults(), "Gateway", "shop");
        assertEquals("eg", at(gateway, "spec", "gatewayClassName"));
        List<Map<String, Object>> listeners = at(gateway, "spec", "listeners");
        assertEquals(List.of("http", "https-api.example.com", "https-shop.example.com", "https-www.example.com"),
                listeners.stream().map(l -> l.get("name")).toList());
        assertEquals(List.of(80, "HTTP"), List.of(listeners.get(0).get("port"), listeners.get(0).get("protocol")));
        assertFalse(listeners.get(0).containsKey("hostname"), "the HTTP listener serves every host (redirect, ACME challenges)");
        Map<String, Object> shop = listeners.get(2);
        assertEquals(List.of("shop.example.com", "HTTPS", 443), List.of(shop.get("hostname"), shop.get("protocol"), shop.get("port")));
        assertEquals(Map.of("mode", "Terminate", "certificateRefs", List.of(Map.of("kind", "Secret", "name", "shop.example.com-tls"))),
                shop.get("tls"));
        Map<String, String> annotations = gateway.getMetadata().getAnnotations();
        assertEquals("letsencrypt-production", annotations.get("cert-manager.io/issuer"));
        assertEquals("ECDSA", annotations.get("cert-manager.io/private-key-algorithm"));
        assertEquals("letsencrypt-staging", resource(SHOP.model(dir, OWN).environments().get("staging"), "Gateway", "shop").getMetadata()
                .getAnnotations().get("cert-manager.io/issuer"));
    }

    @Test
    void aRouteIsAnHttpRouteOnItsHostsListenerWithItsExcludedPathsInARuleWithoutBackends() throws Exception {
        List<HasMetadata> objects = SHOP.model(dir, OWN).defaults();
        assertTrue(objects.stream().noneMatch(o -> o instanceof Ingress || o.getKind().equals("Certificate")),
                "cert-manager creates the Certificates from the Gateway: " + ModelObjects.kindsAndNames(objects));
        GenericKubernetesResource web = resource(objects, "HTTPRoute", "web");
        assertEquals(List.of(Map.of("name", "shop", "sectionName", "https-shop.example.com")), at(web, "spec", "parentRefs"));
        assertEquals(List.of("shop.example.com"), at(web, "spec", "hostnames"));
        assertEquals(Map.of("matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/"))),
                "backendRefs", List.of(Map.of("name", "web", "port", 80))), at(web, "spec", "rules", "0"));
        assertEquals(Map.of("matches", List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/internal")),
                Map.of("path", Map.of("type", "PathPrefix", "value", "/metrics")))), at(web, "spec", "rules", "1"),
                "a rule without backendRefs answers 500 and never forwards");
        assertEquals("storefront", web.getMetadata().getAnnotations().get("example.com/owner"));
        GenericKubernetesResource second = resource(objects, "HTTPRoute", "web-2");
        assertEquals("/legacy", at(second, "spec", "rules", "0", "matches", "0", "path", "value"));
    }

    @Test
    void aRoutedGrpcPortIsAGrpcRouteToItsServicePort() throws Exception {
        GenericKubernetesResource catalog = resource(SHOP.model(dir, OWN).defaults(), "GRPCRoute", "catalog");
        assertEquals(List.of("api.example.com"), at(catalog, "spec", "hostnames"));
        assertEquals(List.of(Map.of("backendRefs", List.of(Map.of("name", "catalog", "port", 3550)))), at(catalog, "spec", "rules"));
    }

    @Test
    void plainHttpIsRedirectedWithARequestRedirectFilterUnlessRedirectIsOff() throws Exception {
        ApplicationModel model = SHOP.model(dir, OWN);
        GenericKubernetesResource redirect = resource(model.defaults(), "HTTPRoute", GatewayRoutes.REDIRECT);
        assertEquals(List.of(Map.of("name", "shop", "sectionName", "http")), at(redirect, "spec", "parentRefs"));
        assertEquals(List.of("api.example.com", "shop.example.com", "www.example.com"), at(redirect, "spec", "hostnames"));
        assertEquals(List.of(Map.of("filters", List.of(Map.of("type", "RequestRedirect",
                "requestRedirect", Map.of("scheme", "https", "statusCode", 301))))), at(redirect, "spec", "rules"));

        List<HasMetadata> staging = model.environments().get("staging");
        assertTrue(staging.stream().noneMatch(o -> o.getMetadata().getName().equals(GatewayRoutes.REDIRECT)));
        assertEquals(List.of(Map.of("name", "shop", "sectionName", "https-shop.example.com"), Map.of("name", "shop", "sectionName", "http")),
                at(resource(staging, "HTTPRoute", "web"), "spec", "parentRefs"), "without redirect the route serves plain HTTP too");
    }

    @Test
    void theAcmeSolverAnswersOnTheGatewaysHttpListenerAndTheGatewaysProxiesAreAdmitted() throws Exception {
        List<HasMetadata> objects = SHOP.model(dir, OWN).defaults();
        GenericKubernetesResource issuer = resource(objects, "Issuer", "letsencrypt-production");
        assertEquals(Map.of("gatewayHTTPRoute", Map.of("parentRefs", List.of(Map.of("group", "gateway.networking.k8s.io",
                "kind", "Gateway", "name", "shop", "namespace", "shop", "sectionName", "http")))),
                at(issuer, "spec", "acme", "solvers", "0", "http01"));
        for (String policy : List.of("web", "catalog", NetworkPolicies.ACME_SOLVER)) {
            assertEquals(Map.of("kubernetes.io/metadata.name", "envoy-gateway-system"), get(objects, NetworkPolicy.class, policy).getSpec()
                    .getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels(), policy);
        }
    }

    @Test
    void certificateAlertsNameTheCertificatesCertManagerCreatesForTheListeners() throws Exception {
        String rules = new ObjectYaml().writeAll(SHOP.model(dir, OWN).defaults().stream().filter(o -> o.getKind().equals("PrometheusRule")).toList());
        assertTrue(rules.contains("name=\\\"shop.example.com-tls\\\"") || rules.contains("name=\"shop.example.com-tls\""), rules);
        assertFalse(rules.contains("web-tls"), rules);
    }

    @Test
    void aSharedGatewayIsNamedInTheParentRefsAndItsCertificatesAreThePlatforms() throws Exception {
        ApplicationModel model = SHOP.model(dir, SHARED);
        List<HasMetadata> production = model.environments().get("production");
        assertEquals(List.of(Map.of("name", "public", "namespace", "gateway-system", "sectionName", "https")),
                at(resource(production, "HTTPRoute", "web"), "spec", "parentRefs"));
        assertTrue(production.stream().noneMatch(o -> List.of("Gateway", "Issuer", "Certificate", "Ingress").contains(o.getKind())),
                ModelObjects.kindsAndNames(production).toString());
        assertEquals(Map.of("kubernetes.io/metadata.name", "gateway-system"), get(production, NetworkPolicy.class, "web").getSpec()
                .getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels());

        List<HasMetadata> staging = model.environments().get("staging");
        assertEquals("traefik", get(staging, Ingress.class, "web").getSpec().getIngressClassName(), "staging keeps its Ingress");
        assertTrue(kinds(staging).contains("Certificate") && !kinds(staging).contains("HTTPRoute"), kinds(staging).toString());
    }

    @Test
    void theShippedBoutiqueRoutesItsShopAndItsPartnerGrpcApiThroughItsOwnGateway() throws Exception {
        List<HasMetadata> objects = new ModelBuilder().build(new SpecLoader().load(RepositoryRoot.path().resolve("specs/boutique.yaml")))
                .defaults();
        GenericKubernetesResource frontend = resource(objects, "HTTPRoute", "frontend");
        assertEquals(List.of(Map.of("path", Map.of("type", "PathPrefix", "value", "/_healthz"))),
                at(frontend, "spec", "rules", "1", "matches"), "the probe endpoint stays inside the cluster");
        assertEquals(List.of("catalog.boutique.example.com"), at(resource(objects, "GRPCRoute", "productcatalogservice"), "spec", "hostnames"));
        assertEquals("eg", at(resource(objects, "Gateway", "boutique"), "spec", "gatewayClassName"));
        assertTrue(objects.stream().noneMatch(o -> o instanceof Ingress));
    }

    @Test
    void aRoutedPortServingTlsGetsABackendTlsPolicyTrustingTheCaInItsCertificatesSecret() throws Exception {
        List<HasMetadata> objects = SHOP.model(dir, TLS_BACKENDS).defaults();
        GenericKubernetesResource api = resource(objects, "BackendTLSPolicy", "api-https-tls");
        assertEquals(List.of(Map.of("group", "", "kind", "Service", "name", "api", "sectionName", "https")), at(api, "spec", "targetRefs"));
        assertEquals(Map.of("hostname", "api.shop.svc", "caCertificateRefs", List.of(Map.of("group", "", "kind", "Secret", "name", "api-https-tls"))),
                at(api, "spec", "validation"), "the internal CA's certificate for the Service's name, verified with the ca.crt of its Secret");
        assertTrue(this.<List<String>>at(resource(objects, "Certificate", "api-https-tls"), "spec", "dnsNames").contains("api.shop.svc"),
                "the certificate carries the name the Gateway verifies");
        assertEquals(1, objects.stream().filter(o -> o.getKind().equals("BackendTLSPolicy") && o.getMetadata().getName().startsWith("api-")).count(),
                "one policy for two routes to one port, none for the port no route reaches");
    }

    @Test
    void aPortWithACertificateFromAPublicCaIsVerifiedWithTheSystemTrustStore() throws Exception {
        GenericKubernetesResource catalog = resource(SHOP.model(dir, TLS_BACKENDS).defaults(), "BackendTLSPolicy", "catalog-grpc-tls");
        assertEquals(Map.of("hostname", "catalog.example.com", "wellKnownCACertificates", "System"), at(catalog, "spec", "validation"));
        assertEquals("catalog", at(catalog, "spec", "targetRefs", "0", "name"));
    }

    @Test
    void everyObjectValidatesAgainstTheStrictSchemas() throws Exception {
        for (ApplicationModel model : List.of(SHOP.model(dir, OWN), SHOP.model(dir, SHARED), SHOP.model(dir, TLS_BACKENDS))) {
            for (String environment : model.environments().keySet()) {
                SCHEMAS.assertValid(model.environments().get(environment));
            }
        }
    }
}
