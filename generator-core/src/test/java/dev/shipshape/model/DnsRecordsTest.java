package dev.shipshape.model;

import dev.shipshape.spec.SpecException;
import dev.shipshape.testing.InlineSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spec.dns}: the route's Ingress asks external-dns for a record of its host
 * ({@code external-dns.alpha.kubernetes.io/hostname}, and {@code /ttl} when set); opt-in, switched
 * off per environment with {@code dns: null}, and not settable through a route's own annotations.
 */
class DnsRecordsTest {

    private static final InlineSpec SHOP = InlineSpec.application("shop");

    private static final String SPEC = """
            tls: { email: ops@example.com }
            dns: { ttl: 300 }
            components:
              web:
                type: web
                image: registry.example.com/shop/web:1.0.0
                port: 8080
                routes:
                  - { host: shop.example.com, exclude: [/admin] }
                  - { host: api.example.com, path: /api }
            environments:
              dev:
                dns: null
                components:
                  web:
                    routes: [{ host: shop.localtest.me }]
              production: {}
            """;

    @TempDir
    Path dir;

    @Test
    void eachRoutesIngressAsksExternalDnsForItsHostWithTheTtl() throws Exception {
        ApplicationModel model = SHOP.model(dir, SPEC);
        List<HasMetadata> production = model.environments().get("production");
        assertEquals(Map.of(PublicRoutes.DNS_HOSTNAME, "shop.example.com", PublicRoutes.DNS_TTL, "300"), dnsAnnotations(production, "web"));
        assertEquals(Map.of(PublicRoutes.DNS_HOSTNAME, "api.example.com", PublicRoutes.DNS_TTL, "300"), dnsAnnotations(production, "web-2"));
        assertEquals(Map.of(), dnsAnnotations(production, "web-excluded"), "one record per host: only the route's own Ingress asks for it");
        assertEquals(Map.of(), dnsAnnotations(model.environments().get("dev"), "web"), "dev switched DNS records off");
    }

    @Test
    void withoutSpecDnsNoRecordIsRequested() throws Exception {
        ApplicationModel model = SHOP.model(dir, SPEC.replace("dns: { ttl: 300 }\n", ""));
        assertEquals(Map.of(), dnsAnnotations(model.environments().get("production"), "web"));
    }

    @Test
    void aRouteCannotSetTheRecordItself() {
        SpecException e = assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC.replace("{ host: api.example.com, path: /api }",
                "{ host: api.example.com, path: /api, annotations: { external-dns.alpha.kubernetes.io/hostname: x.example.com } }")));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("Annotation `external-dns.alpha.kubernetes.io/hostname` on the route of `web` is one shipshape sets itself."),
                e.getMessage());
        assertTrue(e.problems().get(0).fix().contains("spec.dns the DNS record"), e.getMessage());
    }

    @Test
    void theTtlIsBounded() {
        SpecException e = assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC.replace("ttl: 300", "ttl: 0")));
        assertEquals(List.of("shop.yaml:6:15: error: `spec.dns.ttl` is 0, below the minimum 1. Fix: Use a number from 1 to 86400."),
                e.problems().stream().map(p -> p.toString().substring(p.toString().lastIndexOf('/') + 1)).toList());
    }

    private static Map<String, String> dnsAnnotations(List<HasMetadata> objects, String ingress) {
        HasMetadata object = objects.stream().filter(o -> o.getKind().equals("Ingress") && o.getMetadata().getName().equals(ingress))
                .findFirst().orElseThrow(() -> new AssertionError("no Ingress " + ingress));
        Map<String, String> annotations = new java.util.TreeMap<>(object.getMetadata().getAnnotations());
        annotations.keySet().removeIf(key -> !key.startsWith("external-dns.alpha.kubernetes.io/"));
        assertFalse(annotations.containsKey(PublicRoutes.DNS_TTL) && !annotations.containsKey(PublicRoutes.DNS_HOSTNAME));
        return annotations;
    }
}
