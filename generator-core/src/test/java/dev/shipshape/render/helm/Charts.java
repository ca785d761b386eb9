package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.shipshape.testing.Kubectl;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.model.ModelBuilder;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.output.OutputTree;
import dev.shipshape.output.OutputWriter;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.kustomize.KustomizeRenderer;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test support: renders models with the Kustomize and Helm renderers into a real output
 * directory, and runs the real tools on it — {@code helm template} and {@code helm lint}
 * in-process (helm-java), {@code kubectl kustomize} as a process.
 */
final class Charts {

    static final ObjectYaml YAML = new ObjectYaml();
    /** The labels only Helm sets; the one documented difference from the Kustomize output. */
    static final List<String> HELM_LABELS = List.of("helm.sh/chart", "app.kubernetes.io/managed-by");

    private Charts() {
    }

    /** The spec files of the repository's {@code specs/}, sorted. */
    static List<Path> specFiles() {
        try (Stream<Path> files = Files.list(RepositoryRoot.path().resolve("specs"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model of a test spec ({@code src/test/resources/specs/<name>}), built by the production loader and model builder. */
    static ApplicationModel testModel(String name) {
        try {
            return model(Path.of(java.util.Objects.requireNonNull(Charts.class.getResource("/specs/" + name), name).toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model of a spec file, built by the production loader and model builder. */
    static ApplicationModel model(Path specFile) {
        try {
            return new ModelBuilder().build(new SpecLoader().load(specFile));
        } catch (SpecException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    /** Writes the Kustomize and Helm output of a model into {@code directory} (with headers, as shipped); returns the chart directory. */
    static Path write(ApplicationModel model, Path directory) throws IOException, dev.shipshape.output.OutputException {
        OutputTree tree = new OutputTree();
        new KustomizeRenderer(YAML, new ObjectDiff()).render(List.of(model), tree);
        new HelmRenderer(YAML, new ObjectDiff()).render(List.of(model), tree);
        new OutputWriter("test").write(tree, directory, directory.resolveSibling("project"));
        return chart(directory, model.name());
    }

    static Path chart(Path output, String app) {
        return output.resolve(app + "/helm/" + app);
    }

    /**
     * {@code helm template <release> <chart> [-f values-<env>.yaml] [--set k=v ...]}, as against a
     * Kubernetes {@value #KUBE_VERSION} cluster: helm-java 0.0.17 has no {@code --kube-version} and
     * templates for Kubernetes v1.20.0, which the chart's {@code kubeVersion} constraint refuses
     * ({@link HelmChartTest} proves that), so this runs on a copy of the chart whose
     * {@code Chart.yaml} has no {@code kubeVersion} line — every other file is the shipped one.
     */
    static String template(Path chart, String release, String environment, Map<String, Object> sets) {
        return templateWith(chart, release, environment == null ? List.of() : List.of(OutputLayout.valuesFile(environment)), sets);
    }

    /**
     * {@code helm template <release> <chart> -f <file> ... [--set k=v ...]} with the values files in
     * order, such as a view's {@link OutputLayout#valuesFiles} (a cluster's after its environment's).
     */
    static String templateWith(Path chart, String release, List<String> valuesFiles, Map<String, Object> sets) {
        TemplateCommand command = new Helm(withoutKubeVersion(chart)).template().withName(release);
        valuesFiles.forEach(file -> command.withValuesFile(chart.resolve(file)));
        sets.forEach(command::set);
        return command.call();
    }

    /** The Kubernetes version of the strict schemas the tests validate against. */
    static final String KUBE_VERSION = "1.32.2";

    /** A copy of the chart, next to it, whose Chart.yaml has no kubeVersion line. */
    static Path withoutKubeVersion(Path chart) {
        Path copy = chart.resolveSibling(chart.getFileName() + "-any-kube-version");
        try {
            if (!Files.isDirectory(copy)) {
                copyTree(chart, copy);
                Path chartYaml = copy.resolve("Chart.yaml");
                String text = Files.readString(chartYaml);
                assertTrue(text.contains("\nkubeVersion: "), "Chart.yaml declares kubeVersion");
                Files.writeString(chartYaml, text.replaceAll("(?m)^kubeVersion: .*\n", ""));
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the folder {@code from}, with everything below it, to {@code to}, which must not exist. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /**
     * A chart and the Helm hook annotations its templates carry.
     *
     * @param chart a copy of the chart whose templates carry no hook annotations, so
     *              {@code helm template} (helm-java prints no hooks) prints the hook objects too
     * @param hooks the removed annotations (name → value, quotes removed) by template file name, {@code <kind>-<name>.yaml}
     */
    record HookedChart(Path chart, Map<String, Map<String, String>> hooks) {
    }

    private static final Pattern HOOK_ANNOTATION = Pattern.compile("(?m)^ *(helm\\.sh/hook(?:-weight|-delete-policy)?): \"?([^\"\n]*)\"?\n");

    /** A copy of the chart, next to it, without the hook annotations ({@link HelmHooks}), and what they were. */
    static HookedChart hooksAsObjects(Path chart) {
        Path copy = chart.resolveSibling(chart.getFileName() + "-hooks-as-objects");
        Map<String, Map<String, String>> hooks = new TreeMap<>();
        try {
            try (Stream<Path> files = Files.walk(chart)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(chart.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                        continue;
                    }
                    String text = Files.readString(file);
                    Matcher matcher = HOOK_ANNOTATION.matcher(text);
                    Map<String, String> found = new TreeMap<>();
                    while (matcher.find()) {
                        found.put(matcher.group(1), matcher.group(2));
                    }
                    if (!found.isEmpty()) {
                        hooks.put(file.getFileName().toString(), found);
                        text = HOOK_ANNOTATION.matcher(text).replaceAll("").replaceAll("(?m)^  annotations:\n(?!    )", "");
                    }
                    Files.writeString(target, text);
                }
            }
            return new HookedChart(copy, hooks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code kubectl kustomize} of a view's overlay in every build of the model (the main build's
     * and each component group's, {@link ApplicationModel#builds()}), concatenated in build order.
     */
    static String kustomizeBuilds(ApplicationModel model, Path output, String view) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        for (dev.shipshape.model.KustomizeBuild build : model.builds()) {
            all.append(Kubectl.kustomize(output.resolve(build.overlay(view)))).append("\n---\n");
        }
        return all.toString();
    }

    /**
     * The objects of a YAML stream by key, with {@code helm.sh/chart} and
     * {@code app.kubernetes.io/managed-by} removed from every {@code metadata.labels} (and a label
     * map left empty by that removed) and comment-only documents skipped, so Helm and Kustomize output compare field for field.
     */
    static SortedMap<ObjectKey, JsonNode> withoutHelmLabels(String stream) {
        SortedMap<ObjectKey, JsonNode> objects = new TreeMap<>();
        for (JsonNode document : YAML.readAll(stream)) {
            if (document.isTextual() && document.asText().isEmpty()) {
                continue; // a switched-off template prints only its generated-file comment
            }
            assertTrue(document.isObject(), "not a Kubernetes object: " + document);
            stripHelmLabels(document);
            ObjectKey key = new ObjectKey(document.path("apiVersion").asText(), document.path("kind").asText(),
                    document.path("metadata").path("namespace").asText(""), document.path("metadata").path("name").asText());
            assertNull(objects.put(key, document), key + " printed twice");
        }
        return objects;
    }

    private static void stripHelmLabels(JsonNode node) {
        if (node instanceof ObjectNode map) {
            if (map.get("metadata") instanceof ObjectNode metadata && metadata.get("labels") instanceof ObjectNode labels) {
                labels.remove(HELM_LABELS);
                if (labels.isEmpty()) {
                    metadata.remove("labels");
                }
            }
            map.elements().forEachRemaining(Charts::stripHelmLabels);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(Charts::stripHelmLabels);
        }
    }
}
