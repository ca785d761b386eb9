package dev.shipshape.render.flux;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.model.platform.PlatformLayer;
import dev.shipshape.model.platform.PlatformRelease;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.KustomizationFile;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.Renderer;

import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes the Flux entry point of every cluster from the models' deliveries
 * ({@link dev.shipshape.model.FluxObjects}), at the paths of their {@link OutputLayout}:
 * <pre>
 * clusters/&lt;cluster&gt;/kustomization.yaml         lists the application files below, sorted
 * clusters/&lt;cluster&gt;/&lt;app&gt;.yaml                  GitRepository + Kustomization (one per build: &lt;app&gt;, &lt;app&gt;-&lt;group&gt;)
 * clusters/&lt;cluster&gt;/&lt;app&gt;/helmrelease.yaml      the HelmRelease, for the Helm method only
 * clusters/&lt;cluster&gt;/infrastructure.yaml       the platform layer's Kustomizations
 * clusters/&lt;cluster&gt;/infrastructure/controllers/&lt;component&gt;.yaml   Namespace, source, HelmRelease
 * clusters/&lt;cluster&gt;/infrastructure/configs/&lt;component&gt;.yaml       what configures a controller
 * </pre>
 * A cluster's Flux bootstrap points at {@code clusters/<cluster>}. Several applications may name
 * the same cluster; they share one platform layer ({@link PlatformLayer#merge}), each file naming
 * the specs that need it.
 *
 * @throws IllegalStateException from {@link #render} if the applications of a cluster disagree on
 *                               its platform layer (the compilation reports that as a spec problem first)
 */
public final class FluxRenderer implements Renderer {

    /** The file holding an application's HelmRelease in {@code clusters/<cluster>/<app>/}. */
    public static final String HELM_RELEASE_FILE = "helmrelease.yaml";

    private final ObjectYaml yaml;

    /** @param yaml the YAML writer shared by the renderers */
    public FluxRenderer(ObjectYaml yaml) {
        this.yaml = yaml;
    }

    @Override
    public void render(List<ApplicationModel> models, OutputTree output) {
        SortedMap<String, SortedSet<String>> appFilesByCluster = new TreeMap<>();
        SortedMap<String, SortedSet<String>> sourcesByCluster = new TreeMap<>();
        for (ApplicationModel model : models) {
            String source = model.source();
            OutputLayout layout = model.layout();
            for (ClusterDelivery delivery : model.deliveries()) {
                String cluster = delivery.cluster().name();
                output.add(layout.clusterEntry(cluster), yaml.writeAll(delivery.entry()), Set.of(source));
                if (delivery.helmRelease() != null) {
                    String folder = layout.clusterReleaseFolder(cluster);
                    output.add(folder + HELM_RELEASE_FILE, yaml.write(delivery.helmRelease()), Set.of(source));
                    output.add(folder + "kustomization.yaml",
                            yaml.write(new KustomizationFile(List.of(HELM_RELEASE_FILE), List.of()).toTree()), Set.of(source));
                }
                String entry = layout.clusterEntry(cluster);
                appFilesByCluster.computeIfAbsent(cluster, c -> new TreeSet<>()).add(fileName(entry));
                sourcesByCluster.computeIfAbsent(cluster, c -> new TreeSet<>()).add(source);
            }
        }
        PlatformLayer.Merge merge = PlatformLayer.merge(models.stream()
                .flatMap(model -> model.deliveries().stream()).map(ClusterDelivery::platform).toList());
        if (!merge.problems().isEmpty()) {
            throw new IllegalStateException(merge.problems().get(0).toString());
        }
        merge.layers().forEach((cluster, layer) -> {
            render(layer, output);
            appFilesByCluster.get(cluster).add(fileName(OutputLayout.infrastructureEntry(cluster)));
        });
        appFilesByCluster.forEach((cluster, files) -> output.add(OutputLayout.clusterFolder(cluster) + "kustomization.yaml",
                yaml.write(new KustomizationFile(List.copyOf(files), List.of()).toTree()),
                sourcesByCluster.get(cluster)));
    }

    /** The layer's entry, and one file per component in the controllers and configs folders, each with a kustomization.yaml. */
    private void render(PlatformLayer layer, OutputTree output) {
        String cluster = layer.cluster();
        output.add(OutputLayout.infrastructureEntry(cluster), yaml.writeAll(layer.entry()), layer.sources());
        List<String> controllers = new java.util.ArrayList<>();
        List<String> configs = new java.util.ArrayList<>();
        layer.releases().forEach((key, installed) -> {
            PlatformRelease release = installed.release();
            String file = key + ".yaml";
            output.add(OutputLayout.infrastructureControllers(cluster) + file, yaml.writeAll(release.objects()), installed.sources());
            controllers.add(file);
            if (!release.configs().isEmpty()) {
                output.add(OutputLayout.infrastructureConfigs(cluster) + file, yaml.writeAll(release.configs()), installed.sources());
                configs.add(file);
            }
        });
        output.add(OutputLayout.infrastructureControllers(cluster) + "kustomization.yaml",
                yaml.write(new KustomizationFile(controllers, List.of()).toTree()), layer.sources());
        if (!configs.isEmpty()) {
            output.add(OutputLayout.infrastructureConfigs(cluster) + "kustomization.yaml",
                    yaml.write(new KustomizationFile(configs, List.of()).toTree()), layer.sources());
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
