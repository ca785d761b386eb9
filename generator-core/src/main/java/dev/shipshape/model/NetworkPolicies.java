package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.PostgresComponent;
import dev.shipshape.spec.PrometheusComponent;
import dev.shipshape.spec.WebComponent;
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
import java.util.List;
import java.util.Map;

/**
 * Isolation inside the application's namespace (NSA/CISA Kubernetes Hardening Guide; Kubernetes
 * docs, "Declare Network Policy"): {@code default-deny} for all traffic both ways,
 * {@code allow-dns} to the cluster DNS, and one policy per workload that admits exactly its
 * declared traffic — from the ingress controller to routed components, from each component that
 * {@code uses} it on its port, from the application's Prometheus and the platform's monitoring
 * namespace to its metrics port; to each component it uses. The backup, restore and drill pods
 * may reach the database and object storage (HTTPS); Prometheus reaches every metrics port and the
 * API server. Namespaces are matched by the {@code kubernetes.io/metadata.name} label every
 * namespace carries since Kubernetes 1.22.
 */
final class NetworkPolicies {

    /** The policy that denies all ingress and egress to every pod of the namespace. */
    static final String DEFAULT_DENY = "default-deny";
    /** The policy that lets every pod resolve names. */
    static final String ALLOW_DNS = "allow-dns";
    /** The policy that admits Let's Encrypt's HTTP-01 validation, through the ingress controller, to cert-manager's solver pods. */
    static final String ACME_SOLVER = "acme-http01-solver";
    /** The label cert-manager puts on its HTTP-01 solver pods (cert-manager.io/docs/configuration/acme/http01). */
    static final String SOLVER_LABEL = "acme.cert-manager.io/http01-solver";
    /** The port cert-manager's HTTP-01 solver listens on. */
    static final int SOLVER_PORT = 8089;
    /** Kubernetes API server ports: 443 behind the {@code kubernetes} Service, 6443 on the control plane nodes. */
    static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);
    /** Object storage endpoints are HTTPS. */
    static final int OBJECT_STORAGE_PORT = 443;
    /** Any IPv4 address, for peers whose addresses the spec does not know. */
    static final String ANY_ADDRESS = "0.0.0.0/0";
    private static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;
    private final boolean acmeSolver;

    /**
     * @param acmeSolver whether cert-manager solves HTTP-01 challenges in this namespace (shipshape's ACME Issuer)
     */
    NetworkPolicies(Application app, Labels labels, Metadata metadata, boolean acmeSolver) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
        this.acmeSolver = acmeSolver;
    }

    /** The policies of the whole namespace: default deny, DNS, and the ACME solver's when cert-manager solves here. */
    List<HasMetadata> applicationPolicies() {
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
    List<ObjectExemption> exemptions() {
        if (!solvesHttp01()) {
            return List.of();
        }
        return List.of(new ObjectExemption("network-policy-not-dangling", ObjectKey.of(acmeSolver()),
                "it admits cert-manager's HTTP-01 solver pods (label " + SOLVER_LABEL
                        + "), which exist only while a certificate is being issued"));
    }

    private boolean solvesHttp01() {
        return acmeSolver && app.components().stream().anyMatch(c -> c instanceof WebComponent web && web.route() != null);
    }

    /**
     * The policies of one component: its workload's (none for an external database) and its
     * backup pods' when it has backups.
     *
     * @throws IllegalArgumentException if the component uses a component the application does not have
     */
    List<HasMetadata> componentPolicies(Component component) {
        List<HasMetadata> policies = new ArrayList<>();
        if (!(component instanceof PostgresComponent db) || db.inCluster()) {
            policies.add(policy(component.name(), labels.component(component), labels.selector(component),
                    ingress(component), egress(component)));
        }
        if (component instanceof PostgresComponent db && db.backup() != null) {
            policies.add(policy(Labels.backupName(db), labels.backup(db, "backup"), labels.backupSelector(db),
                    List.of(), List.of(toComponent(db), egress(List.of(anyAddress()), OBJECT_STORAGE_PORT))));
        }
        return policies;
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
                List.of(ingress(List.of(namespace(app.ingress().namespace())), SOLVER_PORT)), List.of());
    }

    private List<NetworkPolicyIngressRule> ingress(Component component) {
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        int port = Ports.podPort(component);
        if (component instanceof WebComponent web && web.route() != null) {
            rules.add(ingress(List.of(namespace(app.ingress().namespace())), port));
        }
        for (Component user : app.components()) {
            if (user.uses().contains(component.name())) {
                rules.add(ingress(List.of(pods(user)), port));
            }
        }
        if (component instanceof PostgresComponent db && db.backup() != null) {
            rules.add(ingress(List.of(pods(labels.backupSelector(db))), port));
        }
        if (component instanceof WebComponent web && web.metrics() != null) {
            List<NetworkPolicyPeer> scrapers = new ArrayList<>();
            app.components().stream().filter(PrometheusComponent.class::isInstance).forEach(p -> scrapers.add(pods(p)));
            if (app.monitoring() != null) {
                scrapers.add(namespace(app.monitoring().namespace()));
            }
            if (!scrapers.isEmpty()) {
                rules.add(ingress(scrapers, web.metrics().port()));
            }
        }
        return rules;
    }

    private List<NetworkPolicyEgressRule> egress(Component component) {
        List<NetworkPolicyEgressRule> rules = new ArrayList<>();
        for (String used : component.uses()) {
            Component target = app.component(used).orElseThrow(() -> new IllegalArgumentException(
                    component.location() + ": " + component.name() + " uses " + used + ", which is not a component of "
                            + app.name()));
            rules.add(toComponent(target));
        }
        if (component instanceof PrometheusComponent) {
            for (Component target : app.components()) {
                if (target instanceof WebComponent web && web.metrics() != null) {
                    rules.add(egress(List.of(pods(web)), web.metrics().port()));
                }
            }
            rules.add(new NetworkPolicyEgressRuleBuilder().withTo(anyAddress())
                    .withPorts(API_SERVER_PORTS.stream().map(p -> port(p, "TCP")).toList()).build());
        }
        return rules;
    }

    /** Egress to a component's pods on their port, or to an external database's network on its port. */
    private NetworkPolicyEgressRule toComponent(Component target) {
        if (target instanceof PostgresComponent db && !db.inCluster()) {
            String cidr = db.external().cidr() != null ? db.external().cidr() : ANY_ADDRESS;
            return egress(List.of(new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).endIpBlock().build()),
                    db.external().port());
        }
        return egress(List.of(pods(target)), Ports.podPort(target));
    }

    private NetworkPolicy policy(String name, Map<String, String> objectLabels, Map<String, String> selector,
                                 List<NetworkPolicyIngressRule> ingress, List<NetworkPolicyEgressRule> egress) {
        return new NetworkPolicyBuilder().withMetadata(metadata.of(name, objectLabels))
                .withNewSpec()
                .withPodSelector(WebWorkloads.matchLabels(selector))
                .withPolicyTypes("Ingress", "Egress")
                .withIngress(ingress)
                .withEgress(egress)
                .endSpec()
                .build();
    }

    private static NetworkPolicyIngressRule ingress(List<NetworkPolicyPeer> from, int port) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(port(port, "TCP")).build();
    }

    private static NetworkPolicyEgressRule egress(List<NetworkPolicyPeer> to, int port) {
        return new NetworkPolicyEgressRuleBuilder().withTo(to).withPorts(port(port, "TCP")).build();
    }

    private NetworkPolicyPeer pods(Component component) {
        return pods(labels.selector(component));
    }

    private static NetworkPolicyPeer pods(Map<String, String> selector) {
        return new NetworkPolicyPeerBuilder().withPodSelector(WebWorkloads.matchLabels(selector)).build();
    }

    private static NetworkPolicyPeer namespace(String name) {
        return new NetworkPolicyPeerBuilder()
                .withNewNamespaceSelector().withMatchLabels(Map.of(NAMESPACE_NAME, name)).endNamespaceSelector()
                .build();
    }

    private static NetworkPolicyPeer anyAddress() {
        return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(ANY_ADDRESS).endIpBlock().build();
    }

    private static NetworkPolicyPort port(int port, String protocol) {
        return new NetworkPolicyPortBuilder().withPort(new IntOrString(port)).withProtocol(protocol).build();
    }
}
