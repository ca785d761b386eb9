package dev.shipshape.model;

import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Delivery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where an application's output lives: every path of the generated tree (relative to the output
 * directory) and every path Flux reads (relative to the Git repository's root), decided once so
 * the renderers, the Flux objects and the runbook never spell one themselves.
 *
 * <pre>
 * &lt;app&gt;/kustomize/base/             {@link #main()}: {@link KustomizeBuild#base()}
 * &lt;app&gt;/kustomize/overlays/&lt;env&gt;/   {@link #overlay(String)}
 * &lt;app&gt;/kustomize/overlays/&lt;cluster&gt;/   a cluster with overrides: its view's overlay, on its environment's
 * &lt;app&gt;/kustomize/overlays/&lt;env&gt;/secret-&lt;name&gt;.sops.yaml   {@link #sopsSecret(String, String)}
 * &lt;app&gt;/kustomize/jobs/&lt;env&gt;/       {@link KustomizeBuild#jobs(String)} of {@link #main()}
 * &lt;app&gt;/kustomize/groups/&lt;group&gt;/{base,overlays/&lt;view&gt;,jobs/&lt;view&gt;}/   {@link #group(String)}: a component group's build
 * &lt;app&gt;/helm/&lt;app&gt;/                 {@link #chart()}
 * &lt;app&gt;/helm/&lt;app&gt;/values-&lt;view&gt;.yaml   {@link #valuesFile(String)}, {@link #valuesFiles}
 * &lt;app&gt;/RUNBOOK.md                  {@link #runbook()}
 * clusters/&lt;cluster&gt;/               {@link #clusterFolder(String)}
 * clusters/&lt;cluster&gt;/infrastructure.yaml               {@link #infrastructureEntry(String)}
 * clusters/&lt;cluster&gt;/infrastructure/controllers/       {@link #infrastructureControllers(String)}
 * clusters/&lt;cluster&gt;/infrastructure/configs/           {@link #infrastructureConfigs(String)}
 * </pre>
 * The {@code infrastructure} paths are the cluster's platform layer, shared by its applications
 * ({@link dev.shipshape.model.platform.ClusterPlatform}); an application may therefore not be named {@code infrastructure}.
 *
 * @param application    the application's name
 * @param repositoryRoot the output directory inside the Git repository Flux reads ({@code spec.delivery.path}),
 *                       without {@code ./}, with a trailing {@code /} unless it is the root ({@code ""})
 */
public record OutputLayout(String application, String repositoryRoot) {

    /** The layout of a spec's application; without {@code spec.delivery} the output is taken to be the repository's root. */
    public static OutputLayout of(ApplicationSpec spec) {
        Delivery delivery = spec.delivery();
        return new OutputLayout(spec.name(), normalized(delivery == null ? "" : delivery.path()));
    }

    private static String normalized(String path) {
        String trimmed = path == null ? "" : path.replaceAll("^(\\./)+", "").replaceAll("/+$", "");
        return trimmed.isEmpty() || trimmed.equals(".") ? "" : trimmed + "/";
    }

    /** The main build, {@code <app>/kustomize/}: the application-wide objects and the ungrouped components'. */
    public KustomizeBuild main() {
        return new KustomizeBuild(null, application + "/kustomize/");
    }

    /** {@code <app>/kustomize/groups/<group>/}: the build of a component group ({@link dev.shipshape.spec.ComponentGroups}). */
    public KustomizeBuild group(String group) {
        return new KustomizeBuild(group, application + "/kustomize/groups/" + group + "/");
    }

    /** The application's builds: {@link #main()}, then each of {@code groups} in order. */
    public List<KustomizeBuild> builds(Collection<String> groups) {
        List<KustomizeBuild> builds = new ArrayList<>(List.of(main()));
        groups.forEach(group -> builds.add(group(group)));
        return List.copyOf(builds);
    }

    /** {@code <app>/kustomize/overlays/<environment>/}, the main build's overlay. */
    public String overlay(String environment) {
        return main().overlay(environment);
    }

    /**
     * {@code <app>/kustomize/overlays/<environment>/secret-<name>.sops.yaml}: the sops-encrypted
     * Secret of spec secret {@code name}, copied verbatim ({@link SopsSecrets}).
     */
    public String sopsSecret(String environment, String name) {
        return overlay(environment) + sopsSecretFile(name);
    }

    /** {@code secret-<name>.sops.yaml}, the file name of {@link #sopsSecret} inside its overlay. */
    public static String sopsSecretFile(String name) {
        return "secret-" + name + ".sops.yaml";
    }

    /**
     * The values files of a view over the chart's {@code values.yaml}, in the order Helm reads them:
     * {@code values-<env>.yaml} for an environment, and {@code values-<env>.yaml},
     * {@code values-<cluster>.yaml} for a cluster with overrides ({@link ApplicationSpec#views()}).
     */
    public List<String> valuesFiles(ApplicationSpec spec, String view) {
        List<String> files = new ArrayList<>();
        spec.parentOf(view).ifPresent(environment -> files.add(valuesFile(environment)));
        files.add(valuesFile(view));
        return List.copyOf(files);
    }

    /** {@code values-<view>.yaml}: what a view changes, in the chart's directory. */
    public static String valuesFile(String view) {
        return "values-" + view + ".yaml";
    }

    /** {@code <app>/helm/<app>/}, the chart's directory. */
    public String chart() {
        return application + "/helm/" + application + "/";
    }

    /** {@code <app>/RUNBOOK.md}. */
    public String runbook() {
        return application + "/RUNBOOK.md";
    }

    /** {@code clusters/<cluster>/}, the folder a cluster's Flux bootstrap points at. */
    public static String clusterFolder(String cluster) {
        return "clusters/" + cluster + "/";
    }

    /** {@code clusters/<cluster>/infrastructure.yaml}: the Flux Kustomizations of the cluster's platform layer. */
    public static String infrastructureEntry(String cluster) {
        return clusterFolder(cluster) + "infrastructure.yaml";
    }

    /** {@code clusters/<cluster>/infrastructure/controllers/}: one {@code <component>.yaml} per platform component, and a kustomization.yaml. */
    public static String infrastructureControllers(String cluster) {
        return clusterFolder(cluster) + "infrastructure/controllers/";
    }

    /** {@code clusters/<cluster>/infrastructure/configs/}: what configures the controllers once their CRDs exist, and a kustomization.yaml. */
    public static String infrastructureConfigs(String cluster) {
        return clusterFolder(cluster) + "infrastructure/configs/";
    }

    /** {@code clusters/<cluster>/<app>.yaml}: the application's GitRepository and Kustomization on a cluster. */
    public String clusterEntry(String cluster) {
        return clusterFolder(cluster) + application + ".yaml";
    }

    /** {@code clusters/<cluster>/<app>/}: the folder of the application's HelmRelease on a cluster (the Helm method). */
    public String clusterReleaseFolder(String cluster) {
        return clusterFolder(cluster) + application + "/";
    }

    /**
     * A path of the output as Flux names it: {@code ./<repositoryRoot><outputPath>}, without a trailing slash.
     *
     * @param outputPath a path relative to the output directory, for example {@link #overlay(String)}
     */
    public String inRepository(String outputPath) {
        return "./" + repositoryRoot + outputPath.replaceAll("/+$", "");
    }

    /** A cluster's Flux entry point in the repository, as {@code flux bootstrap --path} takes it: {@code <repositoryRoot>clusters/<cluster>}. */
    public String entryPoint(String cluster) {
        return repositoryRoot + "clusters/" + cluster;
    }
}
