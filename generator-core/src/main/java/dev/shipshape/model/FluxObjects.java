package dev.shipshape.model;

import dev.shipshape.model.platform.ClusterPlatform;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Delivery;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Flux objects that deliver an application to each of its clusters, built with the model so
 * they pass the same policy gate and schema validation as the application's own objects: a
 * {@code GitRepository} and a Flux {@code Kustomization} of either the environment's overlay
 * (Kustomize method) or the folder holding the application's {@code HelmRelease} (Helm method,
 * because a HelmRelease's own {@code dependsOn} can name only other HelmReleases while the cluster's
 * dependencies are Kustomizations — the layout Flux documents for apps that wait on infrastructure);
 * with the Kustomize method, an environment whose jobs run before other components
 * ({@link JobStages}) gets a Kustomization {@code <app>-jobs} of {@link KustomizeBuild#jobs} first,
 * which the application's Kustomization {@code dependsOn}; each component group
 * ({@link dev.shipshape.spec.ComponentGroups}) gets its own Kustomization {@code <app>-<group>} of its
 * build (and {@code <app>-<group>-jobs}), after {@code <app>}. All wait for the cluster's platform
 * layer ({@link ClusterPlatform#dependsOn}: the components the objects need, or the Kustomizations
 * of those the cluster provides) and for {@code spec.clusters[].dependsOn}.
 * Object shapes follow the Flux APIs {@code source.toolkit.fluxcd.io/v1},
 * {@code kustomize.toolkit.fluxcd.io/v1} and {@code helm.toolkit.fluxcd.io/v2}
 * (https://fluxcd.io/flux/components/); all live in {@code flux-system}, Flux's own namespace.
 */
public final class FluxObjects {

    /** Where Flux objects live: the namespace {@code flux bootstrap} creates. */
    public static final String FLUX_NAMESPACE = "flux-system";

    /**
     * How long Flux waits for an apply or a Helm action and its health checks before it reports
     * failure. Flux defaults it to the reconcile interval; a fixed bound is clearer in review and
     * leaves a StatefulSet's ordered rollout time to finish.
     */
    private static final long TIMEOUT_SECONDS = 300;
    /** {@link #TIMEOUT_SECONDS} as Flux writes a duration. */
    public static final String TIMEOUT = TIMEOUT_SECONDS / 60 + "m";

    /** Retries of a failed Helm install or upgrade before Flux gives up (then rolls back an upgrade). */
    public static final int HELM_RETRIES = 3;

    /** Label naming the environment a Flux object delivers. */
    public static final String ENVIRONMENT_LABEL = "shipshape.dev/environment";

    /** Label naming the cloud region of the cluster. */
    public static final String REGION_LABEL = "shipshape.dev/region";

    private static final String HELM_RELEASE_API_VERSION = "helm.toolkit.fluxcd.io/v2";

    /** Workloads Flux waits for: rolled out, and a Job (the {@code job} kind's task) complete (kstatus). */
    private static final Set<String> HEALTH_CHECKED_KINDS = Set.of("Deployment", "StatefulSet", "Job");

    private FluxObjects() {
    }

    /**
     * The deliveries of an application, one per cluster in spec order (none without {@code spec.delivery}).
     * With the Kustomize method a cluster gets one Kustomization per {@linkplain KustomizeBuild build}:
     * {@code <app>} of the main build, and {@code <app>-<group>} of each component group's, which
     * {@code dependsOn} {@code <app>} (the Namespace and the application-wide objects) besides the
     * cluster's dependencies; each build with job stages gets its own {@code <name>-jobs} first.
     *
     * @param environments each view's objects (the health checks name its workloads)
     * @param groups       the build each object goes to
     * @throws IllegalArgumentException if a cluster runs an environment the application does not have
     */
    public static List<ClusterDelivery> of(ApplicationSpec spec, OutputLayout layout, Map<String, List<HasMetadata>> environments,
                                           ObjectGroups groups) {
        if (spec.delivery() == null) {
            return List.of();
        }
        List<ClusterDelivery> deliveries = new ArrayList<>();
        for (Cluster cluster : spec.clusters()) {
            String view = spec.viewOf(cluster);
            List<HasMetadata> objects = environments.get(view);
            if (objects == null) {
                throw new IllegalArgumentException(cluster.location() + ": cluster " + cluster.name() + " runs environment "
                        + cluster.environment() + ", which application " + spec.name() + " does not have");
            }
            Application application = spec.views().get(view);
            Delivery delivery = spec.delivery();
            boolean helm = cluster.method() == Cluster.Method.HELM;
            ClusterPlatform platform = ClusterPlatform.of(spec, application, cluster, layout, objects);
            List<String> dependsOn = new ArrayList<>(cluster.dependsOn());
            dependsOn.addAll(platform.dependsOn());
            List<GenericKubernetesResource> entry = new ArrayList<>();
            entry.add(gitRepository(spec.name(), delivery, cluster));
            // the Helm method installs one chart: its one Kustomization applies the HelmRelease's folder
            List<KustomizeBuild> builds = helm ? List.of(layout.main()) : layout.builds(spec.groups().names());
            ObjectGroups.Partition byBuild = helm ? null : groups.partition(objects);
            for (KustomizeBuild build : builds) {
                List<HasMetadata> own = helm ? objects : byBuild.of(build);
                String name = kustomizationName(spec.name(), build);
                List<String> buildDependsOn = new ArrayList<>(dependsOn);
                if (!build.isMain()) {
                    buildDependsOn.add(spec.name());
                }
                Optional<JobStages> stages = helm ? Optional.empty() : JobStages.of(application, own);
                boolean decrypts = build.isMain() && SopsSecrets.of(application).findAny().isPresent();
                stages.ifPresent(jobs -> entry.add(decrypting(jobsKustomization(layout, build, name, delivery, cluster, view, buildDependsOn, jobs),
                        decrypts, delivery)));
                entry.add(decrypting(kustomization(layout, build, name, delivery, cluster, view, buildDependsOn, own, stages.isPresent()),
                        decrypts, delivery));
            }
            deliveries.add(new ClusterDelivery(cluster, entry,
                    helm ? helmRelease(layout, spec.name(), delivery, cluster, layout.valuesFiles(spec, view)) : null, platform));
        }
        return List.copyOf(deliveries);
    }

    /** The name of the Flux Kustomization of a build: {@code <app>} for the main build, {@code <app>-<group>} for a group's. */
    public static String kustomizationName(String app, KustomizeBuild build) {
        return build.groupName().map(group -> app + "-" + group).orElse(app);
    }

    private static GenericKubernetesResource gitRepository(String app, Delivery delivery, Cluster cluster) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", delivery.interval());
        spec.put("ref", Map.of("branch", delivery.branch()));
        spec.put("url", delivery.repository());
        return fluxObject("source.toolkit.fluxcd.io/v1", "GitRepository", app, app, cluster, spec);
    }

    /**
     * The name of the Kustomization that runs a build's jobs before the workloads that wait for them.
     *
     * @param kustomization the build's Kustomization ({@link #kustomizationName})
     */
    public static String jobsKustomization(String kustomization) {
        return kustomization + "-jobs";
    }

    /**
     * The first stage ({@link JobStages}): the environment's objects without the workloads that
     * wait for its jobs, health-checked on the Jobs only (a certificate still being issued does not
     * hold a migration back); {@code force} recreates a Job whose immutable fields changed; its
     * timeout is the longest job deadline plus {@link #TIMEOUT}.
     */
    private static GenericKubernetesResource jobsKustomization(OutputLayout layout, KustomizeBuild build, String name, Delivery delivery,
                                                              Cluster cluster, String view, List<String> dependsOn, JobStages stages) {
        String app = layout.application();
        Map<String, Object> spec = new LinkedHashMap<>();
        putDependsOn(spec, dependsOn);
        spec.put("force", true);
        spec.put("healthChecks", stages.jobs().stream().map(job -> Map.of("apiVersion", job.apiVersion(), "kind", job.kind(),
                "name", job.name(), "namespace", job.namespace())).toList());
        spec.put("interval", delivery.interval());
        spec.put("path", layout.inRepository(build.jobs(view)));
        spec.put("prune", true);
        spec.put("sourceRef", sourceRef(app));
        spec.put("timeout", (stages.deadlineSeconds() + TIMEOUT_SECONDS) + "s");
        spec.put("wait", false);
        return fluxObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", jobsKustomization(name), app, cluster, spec);
    }

    private static GenericKubernetesResource kustomization(OutputLayout layout, KustomizeBuild build, String name, Delivery delivery,
                                                          Cluster cluster, String view, List<String> platformDependsOn,
                                                          List<HasMetadata> objects, boolean afterJobs) {
        String app = layout.application();
        boolean helm = cluster.method() == Cluster.Method.HELM;
        List<Map<String, Object>> healthChecks = new ArrayList<>();
        if (helm) {
            healthChecks.add(Map.of("apiVersion", HELM_RELEASE_API_VERSION, "kind", "HelmRelease", "name", app,
                    "namespace", FLUX_NAMESPACE));
        }
        objects.stream()
                // a Helm hook Job is deleted once it succeeds (hook-succeeded): the HelmRelease's health covers it
                .filter(object -> HEALTH_CHECKED_KINDS.contains(object.getKind()) && !(helm && object.getKind().equals("Job")))
                .sorted(Comparator.comparing(ObjectKey::of))
                .forEach(object -> healthChecks.add(Map.of(
                        "apiVersion", object.getApiVersion(),
                        "kind", object.getKind(),
                        "name", object.getMetadata().getName(),
                        "namespace", object.getMetadata().getNamespace())));
        Map<String, Object> spec = new LinkedHashMap<>();
        List<String> dependsOn = new ArrayList<>(platformDependsOn);
        if (afterJobs) {
            dependsOn.add(jobsKustomization(name));
        }
        putDependsOn(spec, dependsOn);
        if (!healthChecks.isEmpty()) {
            spec.put("healthChecks", healthChecks);
        }
        spec.put("interval", delivery.interval());
        spec.put("path", layout.inRepository(helm ? layout.clusterReleaseFolder(cluster.name()) : build.overlay(view)));
        spec.put("prune", true);
        spec.put("sourceRef", sourceRef(app));
        spec.put("timeout", TIMEOUT);
        spec.put("wait", false);
        return fluxObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", name, app, cluster, spec);
    }

    private static GenericKubernetesResource helmRelease(OutputLayout layout, String app, Delivery delivery, Cluster cluster,
                                                        List<String> valuesFiles) {
        String chart = layout.inRepository(layout.chart());
        Map<String, Object> chartSpec = new LinkedHashMap<>();
        chartSpec.put("chart", chart);
        // Revision: a new Git commit is a new chart artifact even when Chart.yaml's version stays
        chartSpec.put("reconcileStrategy", "Revision");
        chartSpec.put("sourceRef", sourceRef(app));
        // relative to the source's root (Flux HelmChart valuesFiles); values.yaml is not implied
        List<String> files = new ArrayList<>(List.of(chart + "/values.yaml"));
        valuesFiles.forEach(file -> files.add(chart + "/" + file));
        chartSpec.put("valuesFiles", files);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("chart", Map.of("spec", chartSpec));
        spec.put("install", Map.of("remediation", Map.of("retries", HELM_RETRIES)));
        spec.put("interval", delivery.interval());
        spec.put("releaseName", app);
        // the chart creates the application's namespace, so Helm keeps its release record in Flux's
        spec.put("storageNamespace", FLUX_NAMESPACE);
        spec.put("targetNamespace", app);
        spec.put("timeout", TIMEOUT);
        spec.put("upgrade", Map.of(
                "cleanupOnFail", true,
                "remediation", Map.of("retries", HELM_RETRIES, "remediateLastFailure", true, "strategy", "rollback")));
        return fluxObject(HELM_RELEASE_API_VERSION, "HelmRelease", app, app, cluster, spec);
    }

    /**
     * A Kustomization that decrypts the sops-encrypted Secrets of its overlay ({@link SopsSecrets}):
     * {@code spec.decryption: {provider: sops, secretRef: {name: <spec.delivery.decryptionSecret>}}}
     * (https://fluxcd.io/flux/components/kustomize/kustomizations/#decryption); unchanged when it has none.
     */
    private static GenericKubernetesResource decrypting(GenericKubernetesResource kustomization, boolean decrypts, Delivery delivery) {
        if (decrypts) {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) kustomization.getAdditionalProperties().get("spec");
            Map<String, Object> decryption = new LinkedHashMap<>();
            decryption.put("provider", "sops");
            decryption.put("secretRef", Map.of("name", delivery.decryptionSecret()));
            Map<String, Object> sorted = new TreeMap<>(spec);
            sorted.put("decryption", decryption);
            spec.clear();
            spec.putAll(sorted);
        }
        return kustomization;
    }

    private static void putDependsOn(Map<String, Object> spec, List<String> dependsOn) {
        if (!dependsOn.isEmpty()) {
            spec.put("dependsOn", dependsOn.stream().sorted().distinct().map(name -> Map.of("name", name)).toList());
        }
    }

    private static Map<String, Object> sourceRef(String app) {
        return Map.of("kind", "GitRepository", "name", app);
    }

    private static GenericKubernetesResource fluxObject(String apiVersion, String kind, String name, String app, Cluster cluster,
                                                       Map<String, Object> spec) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(Labels.PART_OF, app);
        labels.put(Labels.MANAGED_BY, Labels.MANAGER);
        labels.put(ENVIRONMENT_LABEL, cluster.environment());
        if (cluster.region() != null) {
            labels.put(REGION_LABEL, cluster.region());
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata().withName(name).withNamespace(FLUX_NAMESPACE).withLabels(labels).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
