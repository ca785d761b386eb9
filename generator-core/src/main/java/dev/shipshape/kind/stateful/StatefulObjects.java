package dev.shipshape.kind.stateful;

import dev.shipshape.model.AppContainers;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.NetworkPolicies;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Probes;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.StatefulSets;
import dev.shipshape.spec.ContainerSecurity;
import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects of a {@code stateful} component: ServiceAccount, the ConfigMap {@code <c>-config} of
 * its config files (their content hash is the pod annotation {@code checksum/config}, so
 * a change rolls the pods), the StatefulSet (claims retained on delete and scale-down), the headless
 * governing Service {@code <c>-headless} (peers resolve each other before they are ready), the
 * ClusterIP Service {@code <c>} with every port, a LoadBalancer Service {@code <c>-<port>} per exposed port, and with 2+ replicas a PodDisruptionBudget and a
 * spread over nodes.
 */
public final class StatefulObjects {


    private final KindContext context;
    private final AppContainers containers;

    StatefulObjects(KindContext context) {
        this.context = context;
        this.containers = new AppContainers(context);
    }

    /** How the backup pods run: the store's uid, group and fsGroup under the restricted profile (read-only root, no capability). */
    static PodSecurity backupSecurity(StatefulComponent store) {
        ContainerSecurity spec = store.pod().security();
        return new PodSecurity(spec.runAsUser(), spec.runAsGroup(), spec.fsGroup());
    }

    /** Every object but the NetworkPolicy, in dependency order. */
    List<HasMetadata> objects(StatefulComponent store) {
        Map<String, String> own = context.labels().component(store);
        Map<String, String> selector = context.labels().selector(store);
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(containers.serviceAccount(store));
        objects.addAll(containers.objects(store));
        objects.add(statefulSet(store));
        objects.add(StatefulSets.headless(context.metadata().of(store.headlessName(), own), selector, headlessPorts(store)));
        objects.add(StatefulSets.clusterIp(context.metadata().of(store.name(), own), selector, servicePorts(store)));
        ServedPort.exposed(store.ports()).forEach(port -> objects.add(
                ServicePorts.loadBalancer(context.metadata().of(ServedPort.loadBalancerName(store.name(), port), own), selector, port)));
        if (store.replicas() >= 2) {
            objects.add(DisruptionBudgets.oneAtATime(context.metadata().of(store.name(), own), selector));
        }
        return objects;
    }

    /** The StatefulSet; with config files, its pods carry the ConfigMap's content hash. */
    StatefulSet statefulSet(StatefulComponent store) {
        Map<String, String> selector = context.labels().selector(store);
        Map<String, String> own = context.labels().component(store);
        return StatefulSets.of(context.metadata().of(store.name(), own), own, containers.podAnnotations(store), selector, store.headlessName(),
                store.replicas(),
                containers.pod(store)
                        .withContainers(container(store))
                        .withTopologySpreadConstraints(store.replicas() >= 2 ? List.of(StatefulSets.spreadOverNodes(selector)) : List.of())
                        .build(),
                containers.claimTemplates(store, selector));
    }

    /**
     * Its NetworkPolicy: the shared rules (users on {@code port}, egress to what it uses), the clients
     * of each exposed port from its source ranges, with 2+ replicas its peers on every port both
     * ways, and its backup pods on every port.
     */
    NetworkPolicy networkPolicy(StatefulComponent store, NetworkPolicies policies) {
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>(ServicePorts.admitted(store.ports()));
        List<NetworkPolicyEgressRule> egress = new ArrayList<>();
        if (store.replicas() >= 2) {
            ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(NetworkPolicies.pods(context.labels().selector(store)))
                    .withPorts(policyPorts(store)).build());
            egress.add(new NetworkPolicyEgressRuleBuilder().withTo(NetworkPolicies.pods(context.labels().selector(store)))
                    .withPorts(policyPorts(store)).build());
        }
        if (store.backup() != null) {
            ingress.add(new NetworkPolicyIngressRuleBuilder().withFrom(NetworkPolicies.pods(context.labels().selector(store.backupName())))
                    .withPorts(policyPorts(store)).build());
        }
        return policies.workload(store, ingress, egress);
    }

    /** Every port of the store as NetworkPolicy ports. */
    static List<NetworkPolicyPort> policyPorts(StatefulComponent store) {
        return store.allPorts().stream().map(p -> new NetworkPolicyPortBuilder().withPort(new IntOrString(p.port()))
                .withProtocol(p.protocol().transport()).build()).toList();
    }

    private io.fabric8.kubernetes.api.model.Container container(StatefulComponent store) {
        return containers.container(store, store.allPorts().stream().map(ServicePorts::container).toList())
                .withStartupProbe(Probes.of(store.probes().startup().withGrpcPortNumber(portNumbers(store)), Probes.SLOW_STARTUP))
                .withReadinessProbe(Probes.of(store.probes().readiness().withGrpcPortNumber(portNumbers(store)), Probes.READINESS))
                .withLivenessProbe(Probes.of(store.probes().liveness().withGrpcPortNumber(portNumbers(store)), Probes.LIVENESS))
                .build();
    }

    /** The container's port numbers by name, to resolve a gRPC probe's named port. */
    private static Map<String, Integer> portNumbers(StatefulComponent store) {
        Map<String, Integer> numbers = new TreeMap<>();
        store.allPorts().forEach(p -> numbers.put(p.name(), p.port()));
        return numbers;
    }

    /**
     * Every port as a port of the headless Service, at its container port: peers connect to each
     * other's pods directly, past any Service port, so their SRV records must name the pods' ports.
     */
    private static List<ServicePort> headlessPorts(StatefulComponent store) {
        return store.allPorts().stream().map(p -> ServicePorts.of(new ServedPort(p.name(), p.port(), p.port(), p.protocol(), null, p.tls(),
                p.pointer()))).toList();
    }

    /** Every port as a Service port ({@link ServicePorts#of}: its Service port, its appProtocol). */
    private static List<ServicePort> servicePorts(StatefulComponent store) {
        return store.allPorts().stream().map(ServicePorts::of).toList();
    }
}
