package dev.shipshape.model;

import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In-pod TLS on real specs: a port's {@code tls} becomes a Certificate from the application's
 * internal CA (or the issuer the spec names), its Secret mounted read-only, an {@code https}
 * appProtocol, HTTPS probes, an HTTPS backend for the route per ingress controller, and an
 * {@code https://} URL for its users.
 */
class PodTlsTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();

    @TempDir
    Path dir;

    private static final String SHOP = """
            tls: {email: ops@example.com}
            components:
              api:
                type: web
                image: ghcr.io/example/api:1.0.0
                ports:
                  https:
                    port: 8443
                    servicePort: 443
                    tls: {mountPath: /etc/api/tls}
                route: {host: api.example.com}
                probes:
                  liveness: {http: {path: /live, port: https}}
              catalog:
                type: web
                image: ghcr.io/example/catalog:1.0.0
                ports:
                  grpc:
                    port: 9090
                    protocol: grpc
                    tls:
                      mountPath: /tls
                      issuer: {name: corporate-ca}
                      dnsNames: [catalog.internal.example.com]
                      certFile: cert.pem
                      keyFile: key.pem
                route: {host: catalog.example.com, port: grpc}
              web:
                type: web
                image: ghcr.io/example/web:1.0.0
                port: 8080
                uses: [api]
                env:
                  API_URL: ${api.url}
            """;

    private List<HasMetadata> shop() throws Exception {
        return InlineSpec.application("shop").model(dir, SHOP).defaults();
    }

    private static HasMetadata custom(List<HasMetadata> objects, String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(HasMetadata object) {
        return (Map<String, Object>) ((io.fabric8.kubernetes.api.model.GenericKubernetesResource) object).getAdditionalProperties().get("spec");
    }

    private static PodSpec pod(List<HasMetadata> objects, String name) {
        return get(objects, Deployment.class, name).getSpec().getTemplate().getSpec();
    }

    @Test
    void aTlsPortGetsACertificateOfItsInClusterNamesFromTheInternalCa() throws Exception {
        List<HasMetadata> objects = shop();
        Map<String, Object> leaf = spec(custom(objects, "Certificate", "api-https-tls"));
        assertEquals("api-https-tls", leaf.get("secretName"));
        assertEquals(List.of("api", "api.shop", "api.shop.svc", "api.shop.svc.cluster.local"), leaf.get("dnsNames"));
        assertEquals(Map.of("name", "shop-ca", "kind", "Issuer", "group", "cert-manager.io"), leaf.get("issuerRef"));

        assertEquals(Map.of("selfSigned", Map.of()), spec(custom(objects, "Issuer", "shop-selfsigned")));
        HasMetadata ca = custom(objects, "Certificate", "shop-ca");
        assertEquals(true, spec(ca).get("isCA"));
        assertEquals("shop-ca", spec(ca).get("secretName"));
        assertEquals("shop-selfsigned", ((Map<?, ?>) spec(ca).get("issuerRef")).get("name"));
        assertEquals("Never", ((Map<?, ?>) spec(ca).get("privateKey")).get("rotationPolicy"), "a renewed CA keeps its key");
        assertEquals(DeletionProtection.annotations(), ca.getMetadata().getAnnotations(), "pruning the CA would make every client re-trust");
        assertEquals(Map.of("ca", Map.of("secretName", "shop-ca")), spec(custom(objects, "Issuer", "shop-ca")));
    }

    @Test
    void aNamedIssuerAndDnsNamesAreUsedAsWrittenAndRenamedFilesAreProjected() throws Exception {
        List<HasMetadata> objects = shop();
        Map<String, Object> leaf = spec(custom(objects, "Certificate", "catalog-grpc-tls"));
        assertEquals(List.of("catalog.internal.example.com"), leaf.get("dnsNames"));
        assertEquals(Map.of("name", "corporate-ca", "kind", "ClusterIssuer", "group", "cert-manager.io"), leaf.get("issuerRef"));
        Volume volume = pod(objects, "catalog").getVolumes().stream().filter(v -> v.getName().equals("grpc-tls")).findFirst().orElseThrow();
        assertEquals("catalog-grpc-tls", volume.getSecret().getSecretName());
        assertEquals(List.of(new KeyToPath("tls.crt", null, "cert.pem"), new KeyToPath("tls.key", null, "key.pem")), volume.getSecret().getItems(),
                "no ca.crt: an issuer the spec names may not write one, and a missing key would fail the mount");
    }

    @Test
    void theSecretIsMountedReadOnlyIntoTheMainContainerOnly() throws Exception {
        PodSpec pod = pod(shop(), "api");
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals("https-tls")).findFirst().orElseThrow();
        assertEquals("api-https-tls", volume.getSecret().getSecretName());
        assertTrue(volume.getSecret().getItems().isEmpty(), "tls.crt, tls.key and ca.crt as cert-manager writes them");
        VolumeMount mount = pod.getContainers().get(0).getVolumeMounts().stream().filter(m -> m.getName().equals("https-tls")).findFirst().orElseThrow();
        assertEquals(List.of("/etc/api/tls", true), List.of(mount.getMountPath(), mount.getReadOnly()));
    }

    @Test
    void theServicePortSpeaksHttpsAndTheProbesUseIt() throws Exception {
        List<HasMetadata> objects = shop();
        var port = get(objects, Service.class, "api").getSpec().getPorts().get(0);
        assertEquals(List.of(443, "https"), List.of(port.getPort(), port.getAppProtocol()));
        Container api = pod(objects, "api").getContainers().get(0);
        assertEquals("HTTPS", api.getReadinessProbe().getHttpGet().getScheme(), "a default probe of a TLS port");
        assertEquals("HTTPS", api.getLivenessProbe().getHttpGet().getScheme(), "a declared probe that writes no scheme");
        assertEquals("/live", api.getLivenessProbe().getHttpGet().getPath());
        Container catalog = pod(objects, "catalog").getContainers().get(0);
        assertNull(catalog.getReadinessProbe().getGrpc(), "the kubelet's gRPC probe speaks no TLS");
        assertEquals("grpc", catalog.getReadinessProbe().getTcpSocket().getPort().getStrVal());
        assertEquals("https", get(objects, Service.class, "catalog").getSpec().getPorts().get(0).getAppProtocol());
    }

    @Test
    void usersGetAnHttpsUrlAndNginxSpeaksHttpsOrGrpcsToTheBackend() throws Exception {
        List<HasMetadata> objects = shop();
        EnvVar url = pod(objects, "web").getContainers().get(0).getEnv().stream().filter(e -> e.getName().equals("API_URL")).findFirst().orElseThrow();
        assertEquals("https://api:443", url.getValue());
        assertEquals("HTTPS", get(objects, Ingress.class, "api").getMetadata().getAnnotations().get(IngressAnnotations.BACKEND_PROTOCOL));
        assertEquals("GRPCS", get(objects, Ingress.class, "catalog").getMetadata().getAnnotations().get(IngressAnnotations.BACKEND_PROTOCOL));
        Map<String, String> service = get(objects, Service.class, "api").getMetadata().getAnnotations();
        assertTrue(service == null || service.isEmpty(), "ingress-nginx reads no Service annotation");
    }

    @Test
    void withoutTlsPortsThereIsNoInternalCa() throws Exception {
        List<HasMetadata> objects = new ModelBuilder().build(new SpecLoader().load(RepositoryRoot.path().resolve("specs/boutique.yaml"))).defaults();
        assertFalse(objects.stream().anyMatch(o -> o.getMetadata().getName().startsWith("boutique-")), "no TLS port, no CA chain");
        assertTrue(objects.stream().anyMatch(o -> o.getKind().equals("Issuer")), "the ACME issuer of the routes stays");
    }

    @Test
    void foobarServesItsCertificateUnderTheFileNamesItReadsAndTraefikSpeaksHttpsToIt() throws Exception {
        List<HasMetadata> objects = new ModelBuilder().build(new SpecLoader().load(RepositoryRoot.path().resolve("specs/foobar.yaml"))).defaults();
        Service service = get(objects, Service.class, "foobar-api");
        assertEquals(Map.of(IngressAnnotations.TRAEFIK_SERVERS_SCHEME, "https"), service.getMetadata().getAnnotations());
        Ingress ingress = get(objects, Ingress.class, "foobar-api");
        assertTrue(ingress.getMetadata().getAnnotations() == null
                        || ingress.getMetadata().getAnnotations().keySet().stream().noneMatch(k -> k.startsWith("nginx.ingress.kubernetes.io/")),
                "Traefik reads no ingress-nginx annotation");
        PodSpec pod = pod(objects, "foobar-api");
        Volume cert = pod.getVolumes().stream().filter(v -> v.getName().equals("https-tls")).findFirst().orElseThrow();
        assertEquals(List.of("cert.pem", "key.pem", "ca.crt"), cert.getSecret().getItems().stream().map(KeyToPath::getPath).toList());
        assertEquals("/cert", pod.getContainers().get(0).getVolumeMounts().stream().filter(m -> m.getName().equals("https-tls"))
                .findFirst().orElseThrow().getMountPath());
        assertEquals(List.of("HTTPS", "/health"), List.of(pod.getContainers().get(0).getReadinessProbe().getHttpGet().getScheme(),
                pod.getContainers().get(0).getReadinessProbe().getHttpGet().getPath()));
    }

    @Test
    void theObjectsValidateAgainstTheStrictSchemas() throws Exception {
        SCHEMAS.assertValid(shop());
    }
}
