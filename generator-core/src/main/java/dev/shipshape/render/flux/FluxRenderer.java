package dev.shipshape.render.flux;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.OutputLayout;
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
 * clusters/&lt;cluster&gt;/&lt;app&gt;.yaml                  GitRepository + Kustomization
 * clusters/&lt;cluster&gt;/&lt;app&gt;/helmrelease.yaml      the HelmRelease, for the Helm method only
 * </pre>
 * A cluster's Flux bootstrap points at {@code clusters/<cluster>}. Several applications may name
 * the same cluster.
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
                appFilesByCluster.computeIfAbsent(cluster, c -> new TreeSet<>()).add(entry.substring(entry.lastIndexOf('/') + 1));
                sourcesByCluster.computeIfAbsent(cluster, c -> new TreeSet<>()).add(source);
            }
        }
        appFilesByCluster.forEach((cluster, files) -> output.add(OutputLayout.clusterFolder(cluster) + "kustomization.yaml",
                yaml.write(new KustomizationFile(List.copyOf(files), List.of()).toTree()),
                sourcesByCluster.get(cluster)));
    }
}
