package dev.shipshape.render.flux;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.output.GeneratedHeader;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.KustomizationFile;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.Renderer;
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
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders the Flux entry point of every cluster:
 * <pre>
 * clusters/&lt;cluster&gt;/kustomization.yaml         lists the application files below, sorted
 * clusters/&lt;cluster&gt;/&lt;app&gt;.yaml                  GitRepository + Kustomization
 * clusters/&lt;cluster&gt;/&lt;app&gt;/helmrelease.yaml      the HelmRelease, for the Helm method only
 * </pre>
 * A cluster's Flux bootstrap points at {@code clusters/<cluster>}. Several applications may name
 * the same cluster. With the Kustomize method the Kustomization applies the environment's overlay;
 * with the Helm method it applies the folder holding the HelmRelease, because a HelmRelease's own
 * {@code dependsOn} can name only other HelmReleases while the cluster's dependencies (CRDs,
 * controllers) are Kustomizations — the layout Flux documents for apps that wait on infrastructure. Object shapes follow the Flux APIs {@code source.toolkit.fluxcd.io/v1},
 * {@code kustomize.toolkit.fluxcd.io/v1} and {@code helm.toolkit.fluxcd.io/v2}
 * (https://fluxcd.io/flux/components/); all live in {@code flux-system}, Flux's own namespace.
 */
public final class FluxRenderer implements Renderer {

    /** Where Flux objects live: the namespace {@code flux bootstrap} creates. */
    public static final String FLUX_NAMESPACE = "flux-system";

    /**
     * How long Flux waits for an apply or a Helm action and its health checks before it reports
     * failure. Flux defaults it to the reconcile interval; a fixed bound is clearer in review and
     * leaves a StatefulSet's ordered rollout time to finish.
     */
    public static final String TIMEOUT = "5m";

    /** Retries of a failed Helm install or upgrade before Flux gives up (then rolls back an upgrade). */
    public static final int HELM_RETRIES = 3;

    /** Label naming the environment a Flux object delivers. */
    public static final String ENVIRONMENT_LABEL = "shipshape.dev/environment";

    /** Label naming the cloud region of the cluster. */
    public static final String REGION_LABEL = "shipshape.dev/region";

    /** The file holding an application's HelmRelease in {@code clusters/<cluster>/<app>/}. */
    public static final String HELM_RELEASE_FILE = "helmrelease.yaml";

    private static final String HELM_RELEASE_API_VERSION = "helm.toolkit.fluxcd.io/v2";

    private static final Set<String> HEALTH_CHECKED_KINDS = Set.of("Deployment", "StatefulSet");

    private final ObjectYaml yaml;

    /** @param yaml the YAML writer shared by the renderers */
    public FluxRenderer(ObjectYaml yaml) {
        this.yaml = yaml;
    }

    /**
     * @throws IllegalStateException if a cluster runs an environment the model does not have
     */
    @Override
    public void render(List<ApplicationModel> models, OutputTree output) {
        SortedMap<String, SortedSet<String>> appFilesByCluster = new TreeMap<>();
        SortedMap<String, SortedSet<String>> sourcesByCluster = new TreeMap<>();
        for (ApplicationModel model : models) {
            String source = GeneratedHeader.sourceName(model.spec().file());
            for (Cluster cluster : model.spec().clusters()) {
                String file = model.name() + ".yaml";
                String directory = "clusters/" + cluster.name() + "/";
                output.add(directory + file, yaml.writeAll(objects(model, cluster)), Set.of(source));
                if (cluster.method() == Cluster.Method.HELM) {
                    output.add(directory + model.name() + "/" + HELM_RELEASE_FILE,
                            yaml.write(helmRelease(model.name(), model.spec().delivery(), cluster)), Set.of(source));
                    output.add(directory + model.name() + "/kustomization.yaml",
                            yaml.write(new KustomizationFile(List.of(HELM_RELEASE_FILE), List.of()).toTree()), Set.of(source));
                }
                appFilesByCluster.computeIfAbsent(cluster.name(), c -> new TreeSet<>()).add(file);
                sourcesByCluster.computeIfAbsent(cluster.name(), c -> new TreeSet<>()).add(source);
            }
        }
        appFilesByCluster.forEach((cluster, files) -> output.add("clusters/" + cluster + "/kustomization.yaml",
                yaml.write(new KustomizationFile(List.copyOf(files), List.of()).toTree()),
                sourcesByCluster.get(cluster)));
    }

    /**
     * The Flux objects of {@code clusters/<cluster>/<app>.yaml}: the application's
     * {@code GitRepository} and a Flux {@code Kustomization} of either the environment's overlay
     * (Kustomize method) or the folder holding the application's {@code HelmRelease} (Helm method).
     *
     * @throws IllegalStateException if the cluster runs an environment the model does not have
     */
    public List<GenericKubernetesResource> objects(ApplicationModel model, Cluster cluster) {
        List<HasMetadata> environmentObjects = model.environments().get(cluster.environment());
        if (environmentObjects == null) {
            throw new IllegalStateException("cluster " + cluster.name() + " runs environment " + cluster.environment()
                    + ", which application " + model.name() + " does not have");
        }
        Delivery delivery = model.spec().delivery();
        return List.of(gitRepository(model.name(), delivery, cluster), kustomization(model.name(), delivery, cluster, environmentObjects));
    }

    private GenericKubernetesResource gitRepository(String app, Delivery delivery, Cluster cluster) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("interval", delivery.interval());
        spec.put("ref", Map.of("branch", delivery.branch()));
        spec.put("url", delivery.repository());
        return fluxObject("source.toolkit.fluxcd.io/v1", "GitRepository", app, cluster, spec);
    }

    private GenericKubernetesResource kustomization(String app, Delivery delivery, Cluster cluster, List<HasMetadata> objects) {
        boolean helm = cluster.method() == Cluster.Method.HELM;
        List<Map<String, Object>> healthChecks = new ArrayList<>();
        if (helm) {
            healthChecks.add(Map.of("apiVersion", HELM_RELEASE_API_VERSION, "kind", "HelmRelease", "name", app,
                    "namespace", FLUX_NAMESPACE));
        }
        objects.stream()
                .filter(object -> HEALTH_CHECKED_KINDS.contains(object.getKind()))
                .sorted(Comparator.comparing(ObjectKey::of))
                .forEach(object -> healthChecks.add(Map.of(
                        "apiVersion", object.getApiVersion(),
                        "kind", object.getKind(),
                        "name", object.getMetadata().getName(),
                        "namespace", object.getMetadata().getNamespace())));
        Map<String, Object> spec = new LinkedHashMap<>();
        putDependsOn(spec, cluster);
        if (!healthChecks.isEmpty()) {
            spec.put("healthChecks", healthChecks);
        }
        spec.put("interval", delivery.interval());
        spec.put("path", helm
                ? "./" + outputRoot(delivery) + "clusters/" + cluster.name() + "/" + app
                : "./" + outputPath(delivery, app) + "/kustomize/overlays/" + cluster.environment());
        spec.put("prune", true);
        spec.put("sourceRef", sourceRef(app));
        spec.put("timeout", TIMEOUT);
        spec.put("wait", false);
        return fluxObject("kustomize.toolkit.fluxcd.io/v1", "Kustomization", app, cluster, spec);
    }

    private GenericKubernetesResource helmRelease(String app, Delivery delivery, Cluster cluster) {
        String chart = "./" + outputPath(delivery, app) + "/helm/" + app;
        Map<String, Object> chartSpec = new LinkedHashMap<>();
        chartSpec.put("chart", chart);
        // Revision: a new Git commit is a new chart artifact even when Chart.yaml's version stays
        chartSpec.put("reconcileStrategy", "Revision");
        chartSpec.put("sourceRef", sourceRef(app));
        // relative to the source's root (Flux HelmChart valuesFiles); values.yaml is not implied
        chartSpec.put("valuesFiles", List.of(chart + "/values.yaml", chart + "/values-" + cluster.environment() + ".yaml"));
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
        return fluxObject(HELM_RELEASE_API_VERSION, "HelmRelease", app, cluster, spec);
    }

    private static void putDependsOn(Map<String, Object> spec, Cluster cluster) {
        if (!cluster.dependsOn().isEmpty()) {
            spec.put("dependsOn", cluster.dependsOn().stream().sorted().distinct().map(name -> Map.of("name", name)).toList());
        }
    }

    private static Map<String, Object> sourceRef(String app) {
        return Map.of("kind", "GitRepository", "name", app);
    }

    /** The application's output directory inside the Git repository, without {@code ./}. */
    private static String outputPath(Delivery delivery, String app) {
        return outputRoot(delivery) + app;
    }

    /** The output directory inside the Git repository, without {@code ./}, with a trailing {@code /} unless it is the root. */
    private static String outputRoot(Delivery delivery) {
        String path = delivery.path() == null ? "" : delivery.path();
        path = path.replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        return path.isEmpty() || path.equals(".") ? "" : path + "/";
    }

    private static GenericKubernetesResource fluxObject(String apiVersion, String kind, String app, Cluster cluster,
                                                       Map<String, Object> spec) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("app.kubernetes.io/part-of", app);
        labels.put("app.kubernetes.io/managed-by", "shipshape");
        labels.put(ENVIRONMENT_LABEL, cluster.environment());
        if (cluster.region() != null) {
            labels.put(REGION_LABEL, cluster.region());
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata().withName(app).withNamespace(FLUX_NAMESPACE).withLabels(labels).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
