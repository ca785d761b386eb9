package dev.shipshape.model;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.ContainerProcess;
import dev.shipshape.spec.ExtraContainer;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.PodVolume;
import dev.shipshape.spec.Workload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The containers and pods of every application kind (web, worker, cronjob, job, stateful), built
 * from the component's {@link PodTemplate} in one place: the main container (its image and process,
 * env with connection references expanded, requests and limits, the volume mounts) under the
 * {@link PodSecurity} the spec's {@code securityContext} asks for — with {@code NET_BIND_SERVICE}
 * added when a container port is privileged — the pod (its own ServiceAccount, image pull secrets,
 * sidecars and init containers with the writable paths and the volumes each names, volumes), the objects the pod needs (the config files' ConfigMap,
 * the claims of a workload that is no StatefulSet, the Certificates of its TLS ports ({@link PodCertificates})) and the pod annotation that rolls the pods when
 * a config file changes; for long-running workloads, pods spread over nodes and zones. Kinds add
 * their ports, probes and lifecycle to the container builder they get.
 */
public final class AppContainers {

    /** The scratch volume mounted at {@code /tmp}, which a read-only root file system needs. */
    public static final String TMP = "tmp";

    private final KindContext context;

    /** @param context the view's builders (env, metadata, labels) and its application (the spec secrets) */
    public AppContainers(KindContext context) {
        this.context = context;
    }

    /**
     * The component's main container, named like the component: image, command, args and working
     * directory, env (its {@code envFrom} groups expanded) and {@code envFrom} secrets, resources,
     * mounts and {@code ports}.
     *
     * @param ports the container ports (may be empty); one below 1024 adds {@code NET_BIND_SERVICE}
     * @throws IllegalArgumentException naming the spec location, for an env reference the loader should have rejected
     */
    public ContainerBuilder container(Component component, List<ContainerPort> ports) {
        PodTemplate pod = template(component);
        ContainerBuilder container = process(Pods.container(component.name(), pod.process().image(), security(pod).binding(ports)), pod.process())
                .withEnv(context.env().of(component.env()))
                .withEnvFrom(context.env().fromSecrets(component.envFromSecrets()))
                .withResources(ComputeResources.of(component.resources()))
                .withVolumeMounts(mainMounts(component, pod));
        if (!ports.isEmpty()) {
            container.withPorts(ports);
        }
        return container;
    }

    /**
     * The pod spec of the component's pods: its own ServiceAccount (no API token), the spec's
     * securityContext, image pull secrets, sidecars (first, so init containers can use them) and
     * init containers, and every volume. A StatefulSet's persistent volumes are claim templates
     * ({@link #claimTemplates}), not pod volumes.
     */
    public PodSpecBuilder pod(Component component) {
        PodTemplate pod = template(component);
        PodSpecBuilder spec = Pods.spec(component.name(), false, security(pod)).withVolumes(volumes(component, pod));
        if (!pod.imagePullSecrets().isEmpty()) {
            spec.withImagePullSecrets(pod.imagePullSecrets().stream()
                    .map(name -> new LocalObjectReference(context.app().secrets().get(name).secretName())).toList());
        }
        List<Container> init = new ArrayList<>();
        pod.sidecars().forEach(sidecar -> init.add(extra(component, pod, sidecar).withRestartPolicy("Always").build()));
        pod.initContainers().forEach(container -> init.add(extra(component, pod, container).build()));
        if (!init.isEmpty()) {
            spec.withInitContainers(init);
        }
        return spec;
    }

    /** The pod template annotations: the config files' content hash, so a changed file rolls the pods; empty without files. */
    public Map<String, String> podAnnotations(Component component) {
        return ConfigFiles.podAnnotations(template(component).configFiles());
    }

    /**
     * The objects its pods need besides the workload: the ConfigMap of its config files, and, for
     * a workload that is no StatefulSet, a PersistentVolumeClaim {@code <component>-<volume>} per
     * persistent volume, protected from prune and uninstall ({@link DeletionProtection}).
     */
    public List<HasMetadata> objects(Component component) {
        PodTemplate pod = template(component);
        List<HasMetadata> objects = new ArrayList<>();
        if (!pod.configFiles().isEmpty()) {
            objects.add(ConfigFiles.configMap(meta(component, PodTemplate.configName(component.name())), pod.configFiles()));
        }
        objects.addAll(new PodCertificates(context.app(), context.labels(), context.metadata()).certificates(component));
        if (!statefulSet(component)) {
            pod.volumes().stream().filter(PodVolume::persistent)
                    .forEach(v -> objects.add(VolumeClaims.protectedClaim(meta(component, PodTemplate.claimName(component.name(), v)), v.claim())));
        }
        return objects;
    }

    /** The claim templates of a StatefulSet component: one per persistent volume, named like the volume, labelled with {@code selector}. */
    public List<PersistentVolumeClaim> claimTemplates(Component component, Map<String, String> selector) {
        return template(component).volumes().stream().filter(PodVolume::persistent)
                .map(v -> VolumeClaims.template(v.name(), v.claim(), selector)).toList();
    }

    /** The component's ServiceAccount (no API token) with the spec's annotations (IRSA, GKE Workload Identity). */
    public ServiceAccount serviceAccount(Component component) {
        ServiceAccount account = ServiceAccounts.of(context.meta(component), false);
        Map<String, String> annotations = template(component).serviceAccountAnnotations();
        if (!annotations.isEmpty()) {
            account.getMetadata().setAnnotations(annotations);
        }
        return account;
    }

    /** The pods' security: the spec's identity and switches, as the pod and every container state them. */
    public static PodSecurity security(Component component) {
        return security(template(component));
    }

    /**
     * The name of the pod volume of the i-th writable path: {@value #TMP} for {@code /tmp}, else {@code writable-<i>}.
     *
     * @param index its position in {@code writablePaths}
     */
    public static String writableName(String path, int index) {
        return path.replaceAll("/+$", "").equals("/tmp") ? TMP : "writable-" + index;
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

    private static PodTemplate template(Component component) {
        return component.podTemplate().orElseThrow(() -> new IllegalArgumentException(component.type() + " component "
                + component.name() + " has no pod template; only application kinds are built by AppContainers"));
    }

    private static PodSecurity security(PodTemplate pod) {
        return PodSecurity.of(pod.security());
    }

    private static boolean statefulSet(Component component) {
        return component.workload().map(Workload::kind).filter(Workload.STATEFUL_SET::equals).isPresent();
    }

    private ObjectMeta meta(Component component, String name) {
        return context.metadata().of(name, context.labels().component(component));
    }

    private static ContainerBuilder process(ContainerBuilder container, ContainerProcess process) {
        if (!process.command().isEmpty()) {
            container.withCommand(process.command());
        }
        if (!process.args().isEmpty()) {
            container.withArgs(process.args());
        }
        return container.withWorkingDir(process.workingDir());
    }

    /** An init container or sidecar: its process, env, resources and ports, the writable paths and the volumes it names. */
    private ContainerBuilder extra(Component component, PodTemplate pod, ExtraContainer extra) {
        List<ContainerPort> ports = extra.ports().entrySet().stream().map(p -> Pods.port(p.getKey(), p.getValue())).toList();
        ContainerBuilder container = process(Pods.container(extra.name(), extra.process().image(), security(pod).binding(ports)), extra.process())
                .withEnv(context.env().of(extra.env()))
                .withResources(ComputeResources.of(extra.resources()))
                .withVolumeMounts(extraMounts(component, pod, extra));
        if (!ports.isEmpty()) {
            container.withPorts(ports);
        }
        return container;
    }

    /** The spec's volumes (persistent ones of a StatefulSet excepted), the writable paths' {@code emptyDir}s, the config files' ConfigMap. */
    private List<Volume> volumes(Component component, PodTemplate pod) {
        List<Volume> volumes = new ArrayList<>();
        for (PodVolume volume : pod.volumes()) {
            VolumeBuilder built = new VolumeBuilder().withName(volume.name());
            if (volume.persistent()) {
                if (statefulSet(component)) {
                    continue;
                }
                built.withNewPersistentVolumeClaim().withClaimName(PodTemplate.claimName(component.name(), volume)).endPersistentVolumeClaim();
            } else if (volume.emptyDir() != null) {
                built.withNewEmptyDir().withMedium(volume.emptyDir().medium())
                        .withSizeLimit(new Quantity(volume.emptyDir().sizeLimit())).endEmptyDir();
            } else {
                built.withNewSecret().withSecretName(context.app().secrets().get(volume.secret()).secretName()).endSecret();
            }
            volumes.add(built.build());
        }
        for (int i = 0; i < pod.writablePaths().size(); i++) {
            volumes.add(Pods.scratch(writableName(pod.writablePaths().get(i), i)));
        }
        if (!pod.configFiles().isEmpty()) {
            volumes.add(ConfigFiles.volume(PodTemplate.configName(component.name())));
        }
        volumes.addAll(PodCertificates.volumes(component));
        return volumes;
    }

    /** The main container's mounts: {@link #mounts(PodTemplate)}, then the certificates of its TLS ports (read-only). */
    private static List<VolumeMount> mainMounts(Component component, PodTemplate pod) {
        List<VolumeMount> mounts = mounts(pod);
        mounts.addAll(PodCertificates.mounts(component));
        return mounts;
    }

    /** The mounts of the spec's volumes (secret files read-only), the writable paths and the config files, in that order. */
    private static List<VolumeMount> mounts(PodTemplate pod) {
        List<VolumeMount> mounts = new ArrayList<>();
        pod.volumes().forEach(v -> mounts.add(new VolumeMountBuilder().withName(v.name()).withMountPath(v.mountPath())
                .withReadOnly(v.secret() != null ? Boolean.TRUE : null).build()));
        mounts.addAll(writableMounts(pod));
        mounts.addAll(ConfigFiles.mounts(pod.configFiles()));
        return mounts;
    }

    private static List<VolumeMount> writableMounts(PodTemplate pod) {
        List<VolumeMount> mounts = new ArrayList<>();
        for (int i = 0; i < pod.writablePaths().size(); i++) {
            mounts.add(Pods.mount(writableName(pod.writablePaths().get(i), i), pod.writablePaths().get(i)));
        }
        return mounts;
    }

    /**
     * An init container's or sidecar's mounts: the writable paths (a read-only root file system
     * needs them), then each volume it names, at its own path or the main container's; secret
     * files and certificates read-only. A name the pod has no volume of is the loader's problem
     * ({@code PodChecks}); here it is skipped.
     */
    private static List<VolumeMount> extraMounts(Component component, PodTemplate pod, ExtraContainer extra) {
        List<VolumeMount> mounts = writableMounts(pod);
        for (ExtraContainer.Mount mount : extra.mounts()) {
            pod.volumes().stream().filter(v -> v.name().equals(mount.volume())).findFirst().ifPresent(v -> mounts.add(
                    extraMount(mount, v.mountPath(), v.secret() != null)));
            PodCertificates.tlsPorts(component).stream().filter(p -> PodCertificates.volumeName(p).equals(mount.volume())).findFirst()
                    .ifPresent(p -> mounts.add(extraMount(mount, p.tls().mountPath(), true)));
        }
        return mounts;
    }

    private static VolumeMount extraMount(ExtraContainer.Mount mount, String mainPath, boolean secret) {
        return new VolumeMountBuilder().withName(mount.volume()).withMountPath(mount.mountPath() != null ? mount.mountPath() : mainPath)
                .withReadOnly(secret || mount.readOnly() ? Boolean.TRUE : null).build();
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
