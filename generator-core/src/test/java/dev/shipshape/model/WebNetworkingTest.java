package dev.shipshape.model;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.policy.Finding;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.shipshape.model.ModelObjects.find;
import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Web's networking on real specs: named ports with their Service ports and appProtocol, gRPC and
 * header probes, routes to a named port (gRPC as gRPC), excluded paths, several routes, a port
 * exposed through a LoadBalancer and what the NetworkPolicies admit.
 */
class WebNetworkingTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();

    @TempDir
    Path dir;

    private static final InlineSpec FORGE = InlineSpec.application("forge").version("1.22.3");

    /** A Git server as it really runs (the example): HTTP 3000 behind 80, SSH 2222 behind 22 on a LoadBalancer. */
    private static final String GIT = """
            tls: {email: ops@example.com}
            monitoring: {namespace: monitoring}
            components:
              gitea:
                type: web
                image: docker.io/gitea/gitea:1.22.3-rootless
                ports:
                  http: {port: 3000, servicePort: 80}
                  ssh: {port: 2222, servicePort: 22, protocol: tcp, expose: {type: LoadBalancer, sourceRanges: [203.0.113.0/24]}}
                routes:
                  - host: git.example.com
                    annotations: {nginx.ingress.kubernetes.io/proxy-body-size: 512m}
                    exclude: [/metrics]
                  - host: code.example.com
                    path: /explore
                metrics: {port: 3000}
                probes:
                  readiness: {http: {path: /api/healthz, port: http, headers: {Host: git.example.com}}}
                  liveness: {tcp: {port: ssh}}
                replicas: 1
              relay:
                type: web
                image: docker.io/example/relay:1.0.0
                ports:
                  dns: {port: 5353, protocol: udp, expose: {type: LoadBalancer}}
                  http: {port: 8080}
                probes:
                  readiness: {http: {path: /ready, port: http}}
                  liveness: {http: {path: /live, port: 8080}}
            environments:
              production: {}
            """;

    private List<HasMetadata> boutique() throws Exception {
        return new ModelBuilder().build(new SpecLoader().load(RepositoryRoot.path().resolve("specs/boutique.yaml"))).defaults();
    }

    /** The shipped boutique spec with its {@code spec.gateway} left out: routed by ingress-nginx, the default. */
    private List<HasMetadata> boutiqueOnIngressNginx() throws Exception {
        String spec = Files.readString(RepositoryRoot.path().resolve("specs/boutique.yaml"));
        String gateway = "  gateway:\n    className: eg\n";
        assertTrue(spec.contains(gateway), "boutique routes through its own Gateway");
        return new ModelBuilder().build(new SpecLoader().load(Files.writeString(dir.resolve("boutique.yaml"), spec.replace(gateway, ""))))
                .defaults();
    }

    private List<HasMetadata> git() throws Exception {
        return FORGE.model(dir, GIT).defaults();
    }

    private static Container container(List<HasMetadata> objects, String name) {
        return get(objects, Deployment.class, name).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void aGrpcPortGetsItsServicePortAppProtocolAndANativeGrpcProbe() throws Exception {
        List<HasMetadata> objects = boutique();
        ServicePort email = get(objects, Service.class, "emailservice").getSpec().getPorts().get(0);
        assertEquals(List.of("grpc", 5000, "grpc", "kubernetes.io/h2c", "TCP"),
                List.of(email.getName(), email.getPort(), email.getTargetPort().getStrVal(), email.getAppProtocol(), email.getProtocol()));
        Container container = container(objects, "emailservice");
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
        assertEquals("grpc", container.getPorts().get(0).getName());
        for (var probe : List.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())) {
            assertEquals(8080, probe.getGrpc().getPort(), "a named grpc port is written as its number");
            assertNull(probe.getHttpGet());
        }
        EnvVar address = get(objects, Deployment.class, "checkoutservice").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getEnv().stream().filter(e -> e.getName().equals("EMAIL_SERVICE_ADDR")).findFirst().orElseThrow();
        assertEquals("emailservice:5000", address.getValue(), "${c.port} is the Service port");
    }

    @Test
    void anHttpPortBehindPort80IsProbedWithItsHeaders() throws Exception {
        List<HasMetadata> objects = boutique();
        ServicePort http = get(objects, Service.class, "frontend").getSpec().getPorts().get(0);
        assertEquals(List.of(80, "http", "http"), List.of(http.getPort(), http.getTargetPort().getStrVal(), http.getAppProtocol()));
        Container frontend = container(objects, "frontend");
        assertEquals(List.of(new HTTPHeader("Cookie", "shop_session-id=x-readiness-probe")), frontend.getReadinessProbe().getHttpGet().getHttpHeaders());
        assertEquals(List.of(new HTTPHeader("Cookie", "shop_session-id=x-liveness-probe")), frontend.getLivenessProbe().getHttpGet().getHttpHeaders());
        assertEquals("/_healthz", frontend.getStartupProbe().getHttpGet().getPath());
        assertEquals("HTTP", frontend.getReadinessProbe().getHttpGet().getScheme());
    }

    @Test
    void aRoutedGrpcPortIsProxiedAsGrpcAndAnExcludedPathIsDenied() throws Exception {
        List<HasMetadata> objects = boutiqueOnIngressNginx();
        Ingress catalog = get(objects, Ingress.class, "productcatalogservice");
        assertEquals("GRPC", catalog.getMetadata().getAnnotations().get(IngressAnnotations.BACKEND_PROTOCOL));
        assertEquals("grpc", catalog.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort().getName());
        Ingress frontend = get(objects, Ingress.class, "frontend");
        assertFalse(frontend.getMetadata().getAnnotations().containsKey(IngressAnnotations.BACKEND_PROTOCOL));
        Ingress excluded = get(objects, Ingress.class, "frontend-excluded");
        assertEquals("0.0.0.0/0,::/0", excluded.getMetadata().getAnnotations().get(IngressAnnotations.DENY_SOURCE_RANGE));
        var path = excluded.getSpec().getRules().get(0).getHttp().getPaths().get(0);
        assertEquals(List.of("/_healthz", "Prefix", "shop.boutique.example.com", "frontend-tls"),
                List.of(path.getPath(), path.getPathType(), excluded.getSpec().getRules().get(0).getHost(),
                        excluded.getSpec().getTls().get(0).getSecretName()));
    }

    @Test
    void usersAreAdmittedOnTheContainerPortNotTheServicePort() throws Exception {
        List<HasMetadata> objects = boutique();
        NetworkPolicy email = get(objects, NetworkPolicy.class, "emailservice");
        assertEquals(List.of(8080), email.getSpec().getIngress().stream()
                .flatMap(r -> r.getPorts().stream()).map(p -> p.getPort().getIntVal()).toList());
        NetworkPolicy checkout = get(objects, NetworkPolicy.class, "checkoutservice");
        assertTrue(checkout.getSpec().getEgress().stream().anyMatch(r -> r.getTo().get(0).getPodSelector() != null
                && "emailservice".equals(r.getTo().get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/name"))
                && r.getPorts().get(0).getPort().getIntVal() == 8080));
    }

    @Test
    void anExposedPortGetsALoadBalancerThatItsNetworkPolicyAdmitsFromTheSourceRanges() throws Exception {
        List<HasMetadata> objects = git();
        Service ssh = get(objects, Service.class, "gitea-ssh");
        assertEquals(List.of("LoadBalancer", "Local", List.of("203.0.113.0/24")),
                List.of(ssh.getSpec().getType(), ssh.getSpec().getExternalTrafficPolicy(), ssh.getSpec().getLoadBalancerSourceRanges()));
        ServicePort port = ssh.getSpec().getPorts().get(0);
        assertEquals(List.of(22, "ssh", "TCP"), List.of(port.getPort(), port.getTargetPort().getStrVal(), port.getProtocol()));
        assertNull(port.getAppProtocol(), "tcp speaks no protocol shipshape knows");
        assertEquals(List.of(80, 22), get(objects, Service.class, "gitea").getSpec().getPorts().stream().map(ServicePort::getPort).toList());
        NetworkPolicyIngressRule fromOutside = get(objects, NetworkPolicy.class, "gitea").getSpec().getIngress().stream()
                .filter(r -> r.getFrom().get(0).getIpBlock() != null).findFirst().orElseThrow();
        assertEquals("203.0.113.0/24", fromOutside.getFrom().get(0).getIpBlock().getCidr());
        assertEquals(2222, fromOutside.getPorts().get(0).getPort().getIntVal());

        NetworkPolicyIngressRule anyone = get(objects, NetworkPolicy.class, "relay").getSpec().getIngress().stream()
                .filter(r -> r.getFrom().get(0).getIpBlock() != null).findFirst().orElseThrow();
        assertEquals(List.of("0.0.0.0/0", "UDP", 5353), List.of(anyone.getFrom().get(0).getIpBlock().getCidr(),
                anyone.getPorts().get(0).getProtocol(), anyone.getPorts().get(0).getPort().getIntVal()));
        assertEquals("UDP", get(objects, Service.class, "relay-dns").getSpec().getPorts().get(0).getProtocol());
        assertTrue(get(objects, Service.class, "relay-dns").getSpec().getLoadBalancerSourceRanges().isEmpty());
    }

    @Test
    void eachRouteGetsItsIngressAndCertificateWithItsAnnotations() throws Exception {
        List<HasMetadata> objects = git();
        Ingress first = get(objects, Ingress.class, "gitea");
        assertEquals("512m", first.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-body-size"));
        assertEquals("http", first.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort().getName());
        Ingress second = get(objects, Ingress.class, "gitea-2");
        assertEquals(List.of("code.example.com", "/explore", "gitea-2-tls"), List.of(second.getSpec().getRules().get(0).getHost(),
                second.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath(), second.getSpec().getTls().get(0).getSecretName()));
        assertTrue(objects.stream().anyMatch(o -> o.getKind().equals("Certificate") && o.getMetadata().getName().equals("gitea-2-tls")));
        assertTrue(find(objects, Ingress.class, "gitea-excluded").isPresent());
        assertTrue(find(objects, Ingress.class, "gitea-2-excluded").isEmpty());
        Container gitea = container(objects, "gitea");
        assertEquals(List.of(new HTTPHeader("Host", "git.example.com")), gitea.getReadinessProbe().getHttpGet().getHttpHeaders());
        assertEquals("ssh", gitea.getLivenessProbe().getTcpSocket().getPort().getStrVal());
        assertEquals(List.of("http", "ssh"), gitea.getPorts().stream().map(p -> p.getName()).toList(), "metrics share the http port");
    }

    @Test
    void theObjectsValidateAgainstTheStrictSchemas() throws Exception {
        List<HasMetadata> all = new ArrayList<>(git());
        all.addAll(boutique());
        all.addAll(boutiqueOnIngressNginx());
        SCHEMAS.assertValid(all);
    }

    @Test
    void metricsOnTheRoutedPortArePublicUnlessExcluded() throws Exception {
        Path excluded = FORGE.write(dir, GIT);
        Path published = InlineSpec.application("published").version(FORGE.version()).write(dir, GIT.replace("        exclude: [/metrics]\n", ""));
        Compilation compilation = new Shipshape().compile(List.of(excluded, published));
        List<Finding> findings = compilation.policy().findings().stream().filter(f -> f.ruleId().equals("metrics-not-public")).toList();
        assertEquals(List.of("published/Ingress/gitea"), findings.stream()
                .map(f -> f.object().namespace() + "/" + f.object().kind() + "/" + f.object().name()).distinct().toList());
    }
}
