package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.render.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * THE property of the Helm output: for every application and environment, the objects of
 * {@code helm template <app> <chart> -f values-<env>.yaml} equal the objects of
 * {@code kubectl kustomize <app>/kustomize/overlays/<env>} — same kinds, names, namespaces and
 * fields, compared as parsed objects — apart from {@code helm.sh/chart} and
 * {@code app.kubernetes.io/managed-by}.
 */
class HelmEquivalenceTest {

    static List<Path> specFiles() {
        return Charts.specFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specFiles")
    void helmTemplateEqualsKubectlKustomizeForEveryEnvironment(Path specFile, @TempDir Path temp) throws Exception {
        assertEquivalent(Charts.model(specFile), temp);
    }

    @Test
    void handBuiltModelWithAddedRemovedAndEnvironmentOnlyFields(@TempDir Path temp) throws Exception {
        assertEquivalent(TestModels.shop(List.of()), temp);
    }

    private static void assertEquivalent(ApplicationModel model, Path temp) throws Exception {
        Path output = temp.resolve("output");
        Path chart = Charts.write(model, output);
        assertFalse(model.environments().isEmpty(), model.name() + " has no environment to compare");
        for (String env : model.environments().keySet()) {
            SortedMap<ObjectKey, JsonNode> kustomize = Charts.withoutHelmLabels(
                    Charts.kustomize(output.resolve(model.name() + "/kustomize/overlays/" + env)));
            SortedMap<ObjectKey, JsonNode> helm = Charts.withoutHelmLabels(Charts.template(chart, model.name(), env, Map.of()));
            assertEquals(kustomize.keySet(), helm.keySet(), model.name() + " " + env + ": objects");
            kustomize.forEach((key, object) -> assertEquals(object, helm.get(key), model.name() + " " + env + ": " + key));
        }
    }
}
