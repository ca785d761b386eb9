package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.Route;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Isolation inside the application's namespace (NSA/CISA Kubernetes Hardening Guide; Kubernetes
 * docs, "Declare Network Policy"): {@code default-deny} for all traffic both ways,
 * {@code allow-dns} to the cluster DNS, and one policy per workload that admits exactly its
 * declared traffic — from the ingress controller (or the Gateway's data plane) to routed components, from each component that
 * {@code uses} it on its port, from the application's Prometheus and the platform's monitoring
 * namespace to its metrics port; to each component it uses — plus what its kind adds (a database
 * admits its backup pods; Prometheus reaches every metrics port and the API server). Namespaces
 * are matched by the {@code kubernetes.io/metadata.name} label every namespace carries since
 * Kubernetes 1.22.
 *
 * <p>Egress to destinations outside the cluster comes from the component's declared
 * {@link Component#egress()}: address blocks on ports, or any public address
 * ({@link #toAnywhere(List)}). Every policy with a rule to every address says why in
 * {@value #EGRESS_ANYWHERE_ANNOTATION} (the {@code egress-anywhere-reason} policy rule checks it), and
 * a workload's policy lists the external destinations its rules are for in {@value #EGRESS_DESTINATIONS_ANNOTATION}.
 */
public final class NetworkPolicies {

    /** The policy that denies all ingress and egress to every pod of the namespace. */
    public static final String DEFAULT_DENY = "default-deny";
    /** The policy that lets every pod resolve names. */
    public static final String ALLOW_DNS = "allow-dns";
    /** The policy that admits Let's Encrypt's HTTP-01 validation, through the ingress controller, to cert-manager's solver pods. */
    public static final String ACME_SOLVER = "acme-http01-solver";
    /** The label cert-manager puts on its HTTP-01 solver pods (cert-manager.io/docs/configuration/acme/http01). */
    public static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
    /** The port cert-manager's HTTP-01 solver listens on. */
    public static final int SOLVER_PORT = 8089;
    /** Kubernetes API server ports: 443 behind the {@code kubernetes} Service, 6443 on the control plane nodes. */
    public static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);
    /** Object storage endpoints are HTTPS. */
    public static final int OBJECT_STORAGE_PORT = 443;
    /** Any IPv4 address, for peers whose addresses the spec does not know. */
    public static final String ANY_ADDRESS = "0.0.0.0/0";
    /** Any IPv6 address. */
    public static final String ANY_IPV6_ADDRESS = "::/0";
    /**
     * The IPv4 ranges that {@code anywhere} leaves out, because pods, Services and nodes live there:
     * private networks (RFC 1918: 10/8, 172.16/12, 192.168/16), shared address space for carrier-grade
     * NAT, which some clusters use for pods (RFC 6598: 100.64/10), and link-local addresses, where
     * cloud metadata endpoints answer (RFC 3927: 169.254/16).
     */
    public static final List<String> NON_PUBLIC_IPV4 = List.of("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12",
            "192.168.0.0/16");
    /** The IPv6 ranges that {@code anywhere} leaves out: unique local addresses (RFC 4193: fc00::/7) and link-local (RFC 4291: fe80::/10). */
    public static final List<String> NON_PUBLIC_IPV6 = List.of("fc00::/7", "fe80::/10");
    /** The annotation that lists, {@code "; "}-separated, why a policy admits traffic to every address. */
    public static final String EGRESS_ANYWHERE_ANNOTATION = "shipshape.dev/egress-anywhere-reason";
    /** The annotation that lists, {@code ", "}-separated, the external destinations ({@link Egress#destination()}) a workload's policy admits. */
    public static final String EGRESS_DESTINATIONS_ANNOTATION = "shipshape.dev/egress-destinations";
    /** Why {@link #toApiServer()} admits every address. */
    static final String API_SERVER_REASON = "the Kubernetes API server (its address is the cluster's own, not known when building)";
    /** Why {@link #toObjectStorage()} admits every address. */
    static final String OBJECT_STORAGE_REASON = "object storage over HTTPS (the provider's addresses are not known when building)";
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;
    private List<Component> scrapers;

    /** @param app the application view; its {@link Application#needsManagedIssuer()} decides the ACME solver's policy */
    public NetworkPolicies(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
    }

    /** The components that scrape metrics, in component order: found once, asked for by every component with a metrics endpoint. */
    private List<Component> scrapers() {
        if (scrapers == null) {
            scrapers = app.components().stream().filter(Component::scrapesMetrics).toList();
        }
        return scrapers;
    }

    /**
     * Whether cert-manager starts HTTP-01 solver pods in the namespace: for the Let's Encrypt issuer
     * shipshape emits, unless it solves DNS-01 ({@code spec.tls.dns01}), which cert-manager's
     * controller answers in the zone from its own namespace.
     */
    private boolean solvesHttp01() {
        return app.needsManagedIssuer() && app.tls().dns01() == null;
    }

    /** The policies of the whole namespace: default deny, DNS, and the ACME solver's when cert-manager solves here. */
    public List<HasMetadata> applicationPolicies() {
        List<HasMetadata> policies = new ArrayList<>();
        policies.add(defaultDeny());
        policies.add(allowDns());
        if (solvesHttp01()) {
            policies.add(acmeSolver());
        }
        return policies;
    }

    /**
     * The rules {@link #applicationPolicies()} break on purpose: the ACME solver's policy selects
     * cert-manager's HTTP-01 solver pods, which exist only while a certificate is being issued, so
     * {@code network-policy-not-dangling} finds no pod for it the rest of the time.
     */
    public List<ObjectExemption> exemptions() {
        if (!solvesHttp01()) {
            return List.of();
        }
        return List.of(new ObjectExemption("network-policy-not-dangling", ObjectKey.of(acmeSolver()),
                "it admits cert-manager's HTTP-01 solver pods (label " + SOLVER_LABEL
                        + "), which exist only while a certificate is being issued"));
    }

    /**
     * The policy of a component's own pods: ingress from the ingress controller when it has routes,
     * from each component that uses it, then {@code extraIngress}, then from the scrapers to its
     * metrics port; egress to each component it uses (and to its read-only endpoint's pods), then
     * {@code extraEgress}, then its declared {@link Component#egress()}, whose destinations the
     * policy's annotations name.
     *
     * @throws IllegalArgumentException if the component uses a component the application does not have
     */
    public NetworkPolicy workload(Component component, List<NetworkPolicyIngressRule> extraIngress,
                                  List<NetworkPolicyEgressRule> extraEgress) {
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
        if (!component.routes().isEmpty()) {
            ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(namespace(app.routingNamespace()))
                    .withPorts(routedPorts(component)).build());
        }
        for (Component user : app.usersOf(component.name())) {
            ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(pods(user)).withPorts(podPorts(component)).build());
        }
        ingress.addAll(extraIngress);
        component.metricsEndpoint().ifPresent(metrics -> {
            List<NetworkPolicyPeer> scrapers = new ArrayList<>();
            scrapers().forEach(p -> scrapers.add(pods(p)));
            if (app.monitoring() != null) {
                scrapers.add(namespace(app.monitoring().namespace()));
            }
            if (!scrapers.isEmpty()) {
                ingress.add(ingress(scrapers, metrics.port()));
            }
        });
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        for (String used : component.uses()) {
            Component target = app.component(used).orElseThrow(() -> new IllegalArgumentException(
                    component.location() + ": " + component.name() + " uses " + used + ", which is not a component of "
                            + app.name()));
            egress.add(toComponent(target));
            target.readEndpoint().ifPresent(read -> egress.add(egress(List.of(pods(labels.selector(read.host()))), read.podPort())));
        }
        egress.addAll(extraEgress);
        List<String> reasons = new ArrayList<>();
        for (Egress declared : component.egress()) {
            egress.add(toDeclared(declared));
            if (declared.anywhere()) {
                reasons.add(declared.destination() + ": " + declared.reason());
            }
        }
        return policy(component.name(), labels.component(component), labels.selector(component), ingress, egress, reasons,
                component.egress().stream().map(Egress::destination).toList());
    }

    /**
     * Egress to a declared external destination: its address blocks, or {@link #toAnywhere} for
     * {@code anywhere}, on its ports and protocol.
     */
    public static NetworkPolicyEgressRule toDeclared(Egress declared) {
        List<NetworkPolicyPort> ports = declared.ports().stream().map(p -> port(p, declared.protocol())).toList();
        if (declared.anywhere()) {
            return toAnywhere(ports);
        }
        return new NetworkPolicyEgressRuleBuilder().withTo(declared.cidrs().stream().map(NetworkPolicies::ipBlock).toList())
                .withPorts(ports).build();
    }

    /**
     * Egress to any public address on some ports: {@value #ANY_ADDRESS} except {@link #NON_PUBLIC_IPV4}
     * and {@value #ANY_IPV6_ADDRESS} except {@link #NON_PUBLIC_IPV6}, so it never opens the
     * cluster's own pods, Services or nodes (NetworkPolicy {@code ipBlock.except}).
     */
    public static NetworkPolicyEgressRule toAnywhere(List<NetworkPolicyPort> ports) {
        return new NetworkPolicyEgressRuleBuilder()
                .withTo(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(ANY_ADDRESS).withExcept(NON_PUBLIC_IPV4).endIpBlock().build(),
                        new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(ANY_IPV6_ADDRESS).withExcept(NON_PUBLIC_IPV6).endIpBlock().build())
                .withPorts(ports).build();
    }

    /** Egress to the metrics port of every component that has one, in component order (for a scraper). */
    public List<NetworkPolicyEgressRule> toMetricsEndpoints() {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (Component target : app.components()) {
            target.metricsEndpoint().ifPresent(metrics -> rules.add(egress(List.of(pods(target)), metrics.port())));
        }
        return rules;
    }

    /** Egress to the Kubernetes API server (any address, its ports), for pods that call the API. */
    public static NetworkPolicyEgressRule toApiServer() {
        return new NetworkPolicyEgressRuleBuilder().withTo(anyAddress())
                .withPorts(API_SERVER_PORTS.stream().map(p -> port(p, "TCP")).toList()).build();
    }

    /** Egress to object storage: HTTPS to any address. */
    public static NetworkPolicyEgressRule toObjectStorage() {
        return egress(List.of(anyAddress()), OBJECT_STORAGE_PORT);
    }

    private NetworkPolicy defaultDeny() {
        return new NetworkPolicyBuilder().withMetadata(metadata.of(DEFAULT_DENY, labels.application()))
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .endSpec()
                .build();
    }

    private NetworkPolicy allowDns() {
        NetworkPolicyPeer dns = new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector().withMatchLabels(Map.of(NAMESPACE_NAME, "kube-system")).endNamespaceSelector()
                .withNewPodSelector().withMatchLabels(Map.of("k8s-app", "kube-dns")).endPodSelector()
                .build();
        return new NetworkPolicyBuilder().withMetadata(metadata.of(ALLOW_DNS, labels.application()))
                .withNewSpec()
                .withNewPodSelector().endPodSelector()
                .withPolicyTypes("Egress")
                .withEgress(new NetworkPolicyEgressRuleBuilder().withTo(dns).withPorts(port(53, "UDP"), port(53, "TCP")).build())
                .endSpec()
                .build();
    }

    private NetworkPolicy acmeSolver() {
        return policy(ACME_SOLVER, labels.application(), Map.of(SOLVER_LABEL, "true"),
                List.of(ingress(List.of(namespace(app.routingNamespace())), SOLVER_PORT)), List.of());
    }

    /**
     * Egress to a component's pods on their port, or to an external server's address block on its port.
     *
     * @throws IllegalArgumentException if the component offers no endpoint
     */
    public NetworkPolicyEgressRule toComponent(Component target) {
        Endpoint endpoint = target.endpoint().orElseThrow(() -> new IllegalArgumentException(
                target.location() + ": " + target.name() + " offers no port to connect to"));
        if (endpoint.isExternal()) {
            String cidr = endpoint.external().cidr() != null ? endpoint.external().cidr() : ANY_ADDRESS;
            return egress(List.of(ipBlock(cidr)), endpoint.port());
        }
        return new NetworkPolicyEgressRuleBuilder().withTo(pods(target)).withPorts(podPorts(target)).build();
    }

    /**
     * The ports of a component's pods that the components using it reach: each of its named ports
     * ({@link Component#servedPorts()}), else its endpoint's pod port.
     */
    private static List<NetworkPolicyPort> podPorts(Component component) {
        if (component.servedPorts().isEmpty()) {
            return List.of(port(component.endpoint().map(Endpoint::podPort).orElse(0), "TCP"));
        }
        return component.servedPorts().stream().map(p -> port(p.port(), p.protocol().transport())).toList();
    }

    /** The pod ports a component's routes forward to, each once, in route order; its endpoint's pod port for a kind without named ports. */
    private static List<NetworkPolicyPort> routedPorts(Component component) {
        if (component.servedPorts().isEmpty()) {
            return podPorts(component);
        }
        return component.routes().stream().map(Route::backendPort).distinct()
                .flatMap(name -> component.servedPorts().stream().filter(p -> p.name().equals(name)))
                .map(p -> port(p.port(), p.protocol().transport())).toList();
    }

    /** Ingress from any client address in {@code cidrs} ({@value #ANY_ADDRESS} when empty) on one pod port. */
    public static NetworkPolicyIngressRule fromAddresses(List<String> cidrs, int port, String protocol) {
        List<NetworkPolicyPeer> from = (cidrs.isEmpty() ? List.of(ANY_ADDRESS) : cidrs).stream()
                .map(cidr -> new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build()).toList();
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(port(port, protocol)).build();
    }

    /**
     * A policy for the pods {@code selector} selects, both directions restricted to the given rules;
     * a rule to every address that shipshape builds ({@link #toApiServer()}, {@link #toObjectStorage()})
     * gets its reason in {@value #EGRESS_ANYWHERE_ANNOTATION}.
     */
    public NetworkPolicy policy(String name, Map<String, String> objectLabels, Map<String, String> selector,
                                 List<NetworkPolicyIngressRule> ingress, List<NetworkPolicyEgressRule> egress) {
        return policy(name, objectLabels, selector, ingress, egress, List.of(), List.of());
    }

    private NetworkPolicy policy(String name, Map<String, String> objectLabels, Map<String, String> selector,
                                 List<NetworkPolicyIngressRule> ingress, List<NetworkPolicyEgressRule> egress, List<String> declaredReasons,
                                 List<String> destinations) {
        Set<String> reasons = new LinkedHashSet<>();
        for (NetworkPolicyEgressRule rule : egress) {
            if (rule.equals(toApiServer())) {
                reasons.add(API_SERVER_REASON);
            } else if (rule.equals(toObjectStorage())) {
                reasons.add(OBJECT_STORAGE_REASON);
            }
        }
        reasons.addAll(declaredReasons);
        Map<String, String> annotations = new TreeMap<>();
        if (!reasons.isEmpty()) {
            annotations.put(EGRESS_ANYWHERE_ANNOTATION, String.join("; ", reasons));
        }
        if (!destinations.isEmpty()) {
            annotations.put(EGRESS_DESTINATIONS_ANNOTATION, String.join(", ", destinations));
        }
        return new NetworkPolicyBuilder().withMetadata(metadata.of(name, objectLabels, annotations))
                .withNewSpec()
                .withPodSelector(Selectors.matchLabels(selector))
                .withPolicyTypes("Ingress", "Egress")
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
    }

    /** Ingress from some peers on one TCP port. */
    public static NetworkPolicyIngressRule ingress(List<NetworkPolicyPeer> from, int port) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(port(port, "TCP")).build();
    }

    /** Egress to some peers on one TCP port. */
    public static NetworkPolicyEgressRule egress(List<NetworkPolicyPeer> to, int port) {
        return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(port(port, "TCP")).build();
    }

    private NetworkPolicyPeer pods(Component component) {
        return pods(labels.selector(component));
    }

    /** The pods of this namespace that a selector selects. */
    public static NetworkPolicyPeer pods(Map<String, String> selector) {
        return new NetworkPolicyPeerBuilder().withPodSelector(Selectors.matchLabels(selector)).build();
    }

    private static NetworkPolicyPeer namespace(String name) {
        return new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector().withMatchLabels(Map.of(NAMESPACE_NAME, name)).endNamespaceSelector()
                .build();
    }

    /** Any pod in any namespace of the cluster (an empty namespace selector; no address outside the cluster). */
    public static NetworkPolicyPeer anyNamespace() {
        return new NetworkPolicyPeerBuilder().withNewNamespaceSelector().endNamespaceSelector().build();
    }

    /** Any IPv4 address. */
    public static NetworkPolicyPeer anyAddress() {
        return ipBlock(ANY_ADDRESS);
    }

    private static NetworkPolicyPeer ipBlock(String cidr) {
        return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build();
    }

    private static NetworkPolicyPort port(int port, String protocol) {
        return new NetworkPolicyPortBuilder().withPort(new IntOrString(port)).withProtocol(protocol).build();
    }
}
