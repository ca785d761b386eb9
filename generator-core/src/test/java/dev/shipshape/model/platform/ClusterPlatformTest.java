package dev.shipshape.model.platform;

import dev.shipshape.Shipshape;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.model.PublicRoutes;
import dev.shipshape.policy.RepositoryRoot;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Cluster;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capability table on objects the shipped specs do not emit yet: Gateway API routes and
 * BackendTLSPolicies, external-dns on a Service, other IngressClasses.
 */
class ClusterPlatformTest {

    private static ApplicationModel acme;

    @BeforeAll
    static void compile() throws Exception {
        acme = new Shipshape().compile(List.of(RepositoryRoot.path().resolve("specs/acme.yaml"))).models().get(0);
    }

    private static ClusterPlatform platform(HasMetadata... extra) {
        ApplicationSpec spec = acme.spec();
        Cluster cluster = spec.clusters().get(0);
        List<HasMetadata> objects = new ArrayList<>(acme.environments().get(cluster.environment()));
        objects.addAll(List.of(extra));
        return ClusterPlatform.of(spec, spec.environments().get(cluster.environment()), cluster, acme.layout(), objects);
    }

    private static List<String> keys(ClusterPlatform platform) {
        return platform.releases().stream().map(r -> r.component().key()).toList();
    }

    @Test
    void aGatewayApiRouteInstallsEnvoyGatewayWithItsGatewayClassInTheConfigsLayer() {
        HasMetadata route = new GenericKubernetesResourceBuilder().withApiVersion("gateway.networking.k8s.io/v1").withKind("HTTPRoute")
                .withNewMetadata().withName("api").withNamespace("acme").endMetadata().build();
        ClusterPlatform platform = platform(route);
        assertTrue(keys(platform).contains("envoy-gateway"), keys(platform).toString());
        assertEquals(List.of("infra-controllers", "infra-configs"), platform.entry().stream().map(o -> o.getMetadata().getName()).toList());
        assertEquals(List.of("infra-configs"), List.copyOf(platform.dependsOn()), "the app waits for the GatewayClass too");
        List<HasMetadata> all = new ArrayList<>(platform.entry());
        platform.releases().forEach(release -> all.addAll(release.objects()));
        all.addAll(platform.configs());
        assertEquals("GatewayClass", platform.configs().get(0).getKind());
        new StrictSchemas().assertValid(all);
        PlatformRelease envoy = platform.releases().stream().filter(r -> r.component() == PlatformComponent.ENVOY_GATEWAY).findFirst().orElseThrow();
        assertEquals("OCIRepository", envoy.objects().get(1).getKind());
        assertEquals("envoy-gateway-system", envoy.namespace());
    }

    /** The BackendTLSPolicy of a route to a port serving TLS needs the Gateway API CRDs too, which Envoy Gateway's chart installs. */
    @Test
    void aBackendTlsPolicyInstallsEnvoyGateway() {
        HasMetadata policy = new GenericKubernetesResourceBuilder().withApiVersion("gateway.networking.k8s.io/v1").withKind("BackendTLSPolicy")
                .withNewMetadata().withName("api-https-tls").withNamespace("acme").endMetadata().build();
        assertTrue(keys(platform(policy)).contains("envoy-gateway"), keys(platform(policy)).toString());
    }

    /**
     * An application's own Gateway names its GatewayClass, which the layer creates under that name,
     * and asks cert-manager for its listeners' certificates, so cert-manager's Gateway API support is on.
     */
    @Test
    void anOwnGatewayGetsItsGatewayClassAndCertManagersGatewaySupport() {
        HasMetadata gateway = new GenericKubernetesResourceBuilder().withApiVersion("gateway.networking.k8s.io/v1").withKind("Gateway")
                .withNewMetadata().withName("acme").withNamespace("acme")
                .withAnnotations(java.util.Map.of("cert-manager.io/issuer", "letsencrypt-production")).endMetadata()
                .addToAdditionalProperties("spec", java.util.Map.of("gatewayClassName", "eg", "listeners", List.of()))
                .build();
        ClusterPlatform platform = platform(gateway);
        assertEquals("eg", platform.configs().get(0).getMetadata().getName());
        PlatformRelease certManager = platform.releases().stream().filter(r -> r.component() == PlatformComponent.CERT_MANAGER)
                .findFirst().orElseThrow();
        assertEquals(true, ((java.util.Map<?, ?>) certManager.installedValues().get("config")).get("enableGatewayAPI"),
                certManager.installedValues().toString());
        PlatformRelease withoutGateway = platform().releases().stream().filter(r -> r.component() == PlatformComponent.CERT_MANAGER)
                .findFirst().orElseThrow();
        assertEquals(null, withoutGateway.installedValues().get("config"), "only a Gateway asking for certificates switches it on");

        // two applications on one cluster, one with its own Gateway: one cert-manager with what both need, no disagreement
        PlatformLayer.Merge merged = PlatformLayer.merge(List.of(platform(), platform(gateway)));
        assertEquals(List.of(), merged.problems());
        PlatformRelease shared = merged.layers().values().iterator().next().releases().get("cert-manager").release();
        assertEquals(true, ((java.util.Map<?, ?>) shared.installedValues().get("config")).get("enableGatewayAPI"));
        HasMetadata helmRelease = shared.objects().get(2);
        assertEquals("HelmRelease", helmRelease.getKind());
        assertEquals(List.of(java.util.Map.of("name", "envoy-gateway", "namespace", "envoy-gateway-system")),
                ((java.util.Map<?, ?>) ((GenericKubernetesResource) helmRelease).getAdditionalProperties().get("spec")).get("dependsOn"),
                "cert-manager starts after the chart that installs the Gateway API CRDs");
        new StrictSchemas().assertValid(shared.objects());
    }

    @Test
    void theExternalDnsAnnotationOnAnyObjectInstallsExternalDns() {
        HasMetadata service = new ServiceBuilder().withNewMetadata().withName("api").withNamespace("acme")
                .withAnnotations(Map.of(PublicRoutes.DNS_HOSTNAME, "api.acme.com")).endMetadata().build();
        assertTrue(keys(platform(service)).contains("external-dns"));
        assertTrue(!keys(platform()).contains("external-dns"));
    }

    @Test
    void ingressClassesPickTheirControllerAndAnUnknownClassIsExpectedFromTheCluster() {
        assertEquals(List.of("cert-manager", "ingress-nginx", "prometheus-operator-crds", "external-secrets"), keys(platform()));
        HasMetadata gce = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder().withNewMetadata().withName("legacy")
                .withNamespace("acme").endMetadata().withNewSpec().withIngressClassName("gce").endSpec().build();
        HasMetadata traefik = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder().withNewMetadata().withName("edge")
                .withNamespace("acme").endMetadata().withNewSpec().withIngressClassName("traefik").endSpec().build();
        ClusterPlatform platform = platform(gce, traefik);
        assertTrue(keys(platform).contains("traefik"));
        assertEquals(List.of(new Capability.IngressClass("gce")), platform.expected());
        PlatformRelease release = platform.releases().stream().filter(r -> r.component() == PlatformComponent.TRAEFIK).findFirst().orElseThrow();
        assertEquals("traefik", release.namespace(), "only the controller of spec.ingress.className runs in spec.ingress.controllerNamespace");
        assertEquals(Map.of("enabled", true, "name", "traefik"), release.values().get("ingressClass"));
    }

    @Test
    void outputPathsOfTheLayerAreDecidedByTheLayout() {
        assertEquals("clusters/c/infrastructure.yaml", OutputLayout.infrastructureEntry("c"));
        assertEquals("./output/clusters/acme-production/infrastructure/controllers",
                platform().entry().get(0).getAdditionalProperties().entrySet().stream()
                        .filter(e -> e.getKey().equals("spec")).map(e -> ((Map<?, ?>) e.getValue()).get("path")).findFirst().orElseThrow());
    }
}
