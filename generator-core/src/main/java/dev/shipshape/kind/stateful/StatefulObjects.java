package dev.shipshape.kind.stateful;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.ConfigChecksum;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.NetworkPolicies;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.StatefulSets;
import dev.shipshape.model.VolumeClaims;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
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
 * its config files (their content hash is the pod annotation {@value ConfigChecksum#ANNOTATION}, so
 * a change rolls the pods), the StatefulSet (claims retained on delete and scale-down), the headless
 * governing Service {@code <c>-headless} (peers resolve each other before they are ready), the
 * ClusterIP Service {@code <c>} with every port, and with 2+ replicas a PodDisruptionBudget and a
 * spread over nodes.
 */
public final class StatefulObjects {


    private final KindContext context;

    StatefulObjects(KindContext context) {
        this.context = context;
    }

    /** How the pods run: the spec's uid, group and fsGroup under the restricted profile. */
    static PodSecurity security(StatefulComponent store) {
        return new PodSecurity(store.runAsUser(), store.runAsGroup(), store.fsGroup());
    }

    /** Every object but the NetworkPolicy, in dependency order. */
    List<HasMetadata> objects(StatefulComponent store) {
        Map<String, String> own = context.labels().component(store);
        Map<String, String> selector = context.labels().selector(store);
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(ServiceAccounts.of(context.metadata().of(store.name(), own), false));
        if (!store.configFiles().isEmpty()) {
            objects.add(configMap(store));
        }
        objects.add(statefulSet(store));
        objects.add(StatefulSets.headless(context.metadata().of(store.headlessName(), own), selector, servicePorts(store)));
        objects.add(StatefulSets.clusterIp(context.metadata().of(store.name(), own), selector, servicePorts(store)));
        if (store.replicas() >= 2) {
            objects.add(DisruptionBudgets.oneAtATime(context.metadata().of(store.name(), own), selector));
        }
        return objects;
    }

    /** The StatefulSet; with config files, its pods carry the ConfigMap's content hash. */
    StatefulSet statefulSet(StatefulComponent store) {
        Map<String, String> selector = context.labels().selector(store);
        Map<String, String> own = context.labels().component(store);
        Map<String, String> annotations = store.configFiles().isEmpty() ? Map.of()
                : Map.of(ConfigChecksum.ANNOTATION, ConfigChecksum.of(configMap(store).getData()));
        return StatefulSets.of(context.metadata().of(store.name(), own), own, annotations, selector, store.headlessName(), store.replicas(),
                Pods.spec(store.name(), false, security(store))
                        .withContainers(container(store))
                        .withVolumes(volumes(store))
                        .withTopologySpreadConstraints(store.replicas() >= 2 ? List.of(StatefulSets.spreadOverNodes(selector)) : List.of())
                        .build(),
                store.volumes().stream().map(v -> VolumeClaims.readWriteOnce(v.name(), v.size(), v.storageClass(), selector)).toList());
    }

    /**
     * Its NetworkPolicy: the shared rules (users on {@code port}, egress to what it uses), with 2+
     * replicas its peers on every port both ways, and its backup pods on every port.
     */
    NetworkPolicy networkPolicy(StatefulComponent store, NetworkPolicies policies) {
        List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
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
                .withProtocol(p.protocol()).build()).toList();
    }

    /** The ConfigMap key of a config file: its path without the leading {@code /}, each {@code /} as {@code _}. */
    static String configKey(String path) {
        return path.replaceFirst("^/+", "").replace('/', '_');
    }

    private ConfigMap configMap(StatefulComponent store) {
        Map<String, String> data = new TreeMap<>();
        store.configFiles().forEach((path, content) -> {
            if (data.put(configKey(path), content) != null) {
                throw new IllegalArgumentException(store.location() + ": two config files of " + store.name() + " map to ConfigMap key "
                        + configKey(path));
            }
        });
        return new ConfigMapBuilder().withMetadata(context.metadata().of(store.configName(), context.labels().component(store))).withData(data).build();
    }

    private io.fabric8.kubernetes.api.model.Container container(StatefulComponent store) {
        var container = Pods.container(store.name(), store.image(), security(store))
                .withPorts(store.allPorts().stream().map(StatefulObjects::containerPort).toList())
                .withEnv(context.env().of(store.env()))
                .withEnvFrom(context.env().fromSecrets(store.envFromSecrets()))
                .withResources(ComputeResources.of(store.resources()))
                .withStartupProbe(Probes.of(store.readiness(), Probes.SLOW_STARTUP))
                .withReadinessProbe(Probes.of(store.readiness(), Probes.READINESS))
                .withLivenessProbe(Probes.of(store.liveness(), Probes.LIVENESS))
                .withVolumeMounts(mounts(store));
        if (!store.command().isEmpty()) {
            container.withCommand(store.command());
        }
        if (!store.args().isEmpty()) {
            container.withArgs(store.args());
        }
        return container.build();
    }

    private static ContainerPort containerPort(StatefulComponent.NamedPort port) {
        return new ContainerPortBuilder().withName(port.name()).withContainerPort(port.port()).withProtocol(port.protocol()).build();
    }

    private static List<ServicePort> servicePorts(StatefulComponent store) {
        return store.allPorts().stream().map(p -> new ServicePortBuilder().withName(p.name()).withPort(p.port())
                .withProtocol(p.protocol()).withTargetPort(new IntOrString(p.name())).build()).toList();
    }

    private static List<VolumeMount> mounts(StatefulComponent store) {
        List<VolumeMount> mounts = new ArrayList<>();
        store.volumes().forEach(v -> mounts.add(Pods.mount(v.name(), v.mountPath())));
        for (int i = 0; i < store.writablePaths().size(); i++) {
            mounts.add(Pods.mount(writableName(i), store.writablePaths().get(i)));
        }
        store.configFiles().keySet().forEach(path -> mounts.add(new VolumeMountBuilder().withName("config").withMountPath(path)
                .withSubPath(configKey(path)).withReadOnly(true).build()));
        return mounts;
    }

    private static List<Volume> volumes(StatefulComponent store) {
        List<Volume> volumes = new ArrayList<>();
        for (int i = 0; i < store.writablePaths().size(); i++) {
            volumes.add(Pods.scratch(writableName(i)));
        }
        if (!store.configFiles().isEmpty()) {
            volumes.add(new VolumeBuilder().withName("config").withNewConfigMap().withName(store.configName()).endConfigMap().build());
        }
        return volumes;
    }

    /** The {@code emptyDir} of the i-th writable path. */
    private static String writableName(int index) {
        return "writable-" + index;
    }
}
