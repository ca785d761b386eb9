package dev.shipshape.model;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.ContainerProcess;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;

import java.util.Map;

/**
 * The application container every application kind (web, worker, cronjob, job) runs, and its pod:
 * the component's image under {@link PodSecurity#APPLICATION} (restricted, read-only root file
 * system), its env with connection references expanded, its requests and limits, and a
 * size-limited {@code /tmp}; for long-running workloads, pods spread over nodes and zones. Kinds add
 * their ports, probes and lifecycle to the container builder they get.
 */
public final class AppContainers {

    /** The scratch volume mounted at {@code /tmp}, which a read-only root file system needs. */
    public static final String TMP = "tmp";

    private final EnvironmentVariables env;

    /** @param env the env builder of the view (connection references, secrets) */
    public AppContainers(EnvironmentVariables env) {
        this.env = env;
    }

    /**
     * The component's container, named like the component: image, env (its {@code envFrom} groups
     * expanded) and {@code envFrom} secrets, resources, {@code /tmp}.
     *
     * @throws IllegalArgumentException naming the spec location, for an env reference the loader should have rejected
     */
    public ContainerBuilder container(Component component) {
        return Pods.container(component.name(), component.image(), PodSecurity.APPLICATION)
                .withEnv(env.of(component.env()))
                .withEnvFrom(env.fromSecrets(component.envFromSecrets()))
                .withResources(ComputeResources.of(component.resources()))
                .withVolumeMounts(Pods.mount(TMP, "/tmp"));
    }

    /** {@link #container(Component)} running {@code process}'s command and args instead of the image's, when it sets them. */
    public ContainerBuilder container(Component component, ContainerProcess process) {
        ContainerBuilder container = container(component);
        if (!process.command().isEmpty()) {
            container.withCommand(process.command());
        }
        if (!process.args().isEmpty()) {
            container.withArgs(process.args());
        }
        return container;
    }

    /** The pod spec of the component's pods: its own ServiceAccount (no API token), the {@code /tmp} volume. */
    public static PodSpecBuilder pod(Component component) {
        return Pods.spec(component.name(), false, PodSecurity.APPLICATION).withVolumes(Pods.scratch(TMP));
    }

    /**
     * Spreads long-running pods over nodes and zones: two best-effort ({@code ScheduleAnyway})
     * topology spread constraints, so a small cluster still schedules, and a preferred pod
     * anti-affinity per node; {@code pod-template-hash} keeps old and new ReplicaSets from skewing each other.
     */
    public static PodSpecBuilder spread(PodSpecBuilder pod, Map<String, String> selector) {
        return pod.withTopologySpreadConstraints(spread("kubernetes.io/hostname", selector),
                        spread("topology.kubernetes.io/zone", selector))
                .withNewAffinity().withNewPodAntiAffinity()
                .addNewPreferredDuringSchedulingIgnoredDuringExecution()
                .withWeight(100)
                .withNewPodAffinityTerm()
                .withTopologyKey("kubernetes.io/hostname")
                .withLabelSelector(Selectors.matchLabels(selector))
                .endPodAffinityTerm()
                .endPreferredDuringSchedulingIgnoredDuringExecution()
                .endPodAntiAffinity().endAffinity();
    }

    private static TopologySpreadConstraint spread(String topologyKey, Map<String, String> selector) {
        return new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey(topologyKey)
                .withWhenUnsatisfiable("ScheduleAnyway")
                .withLabelSelector(Selectors.matchLabels(selector))
                .withMatchLabelKeys("pod-template-hash")
                .build();
    }
}
