package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.testing.StrictSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.TreeSet;
import java.util.Set;
import java.nio.file.Path;
import java.nio.file.Files;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chart's Helm hooks on specs/tasklane.yaml: its migrate Job and the objects the Job needs first. */
class HelmHooksTest {

    private final ApplicationModel tasklane = Charts.model(RepositoryRoot.path().resolve("specs/tasklane.yaml"));
    private final ChartPlan chart = new ChartPlanner(new ObjectYaml(), new ObjectDiff()).plan(tasklane);


    private Map<String, String> annotations(String kind, String name) {
        ObjectNode tree = chart.objects().stream().filter(o -> o.key().kind().equals(kind) && o.key().name().matches(name))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name)).tree();
        Map<String, String> annotations = new TreeMap<>();
        tree.path("metadata").path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return annotations;
    }

    @Test
    void theJobRunsBeforeTheReleaseAndItsServiceAccountAndNetworkPolicyBeforeIt() {
        assertEquals(Map.of(HelmHooks.HOOK, "post-install,pre-upgrade", HelmHooks.WEIGHT, "0",
                HelmHooks.DELETE_POLICY, "before-hook-creation,hook-succeeded"), annotations("Job", "migrate-[0-9a-f]{8}"));
        Map<String, String> first = Map.of(HelmHooks.HOOK, "post-install,pre-upgrade", HelmHooks.WEIGHT, "-10",
                HelmHooks.DELETE_POLICY, "before-hook-creation");
        assertEquals(first, annotations("ServiceAccount", "migrate"));
        assertEquals(first, annotations("NetworkPolicy", "migrate"));
    }

    @Test
    void noOtherObjectIsAHookAndTheModelIsUnchanged() {
        chart.objects().stream()
                .filter(o -> !o.key().name().startsWith("migrate"))
                .forEach(o -> assertTrue(o.tree().path("metadata").path("annotations").path(HelmHooks.HOOK).isMissingNode(), o.key().toString()));
        tasklane.defaults().stream().filter(o -> o.getKind().equals("Job"))
                .forEach(job -> assertTrue(job.getMetadata().getAnnotations() == null
                        || !job.getMetadata().getAnnotations().containsKey(HelmHooks.HOOK), "the Kustomize output carries no Helm hook"));
    }

    @Test
    void theAnnotatedJobStillValidatesAgainstTheStrictSchema() {
        StrictSchemas schemas = new StrictSchemas();
        List<String> problems = chart.objects().stream().filter(o -> List.of("Job", "ServiceAccount", "NetworkPolicy").contains(o.key().kind()))
                .flatMap(o -> schemas.problems(o.tree()).stream()).toList();
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    /**
     * A Job whose content differs between environments is a Job of another name in each
     * ({@code <name>-<hash>}); the chart renders, in each environment, that environment's one Job
     * and no other, which would run another environment's migration (rendered with the hook
     * annotations removed: helm-java's {@code template} prints no hooks).
     */
    @Test
    void aJobWhoseContentDiffersPerEnvironmentRunsOnceInEach(@TempDir Path temp) throws Exception {
        String spec = Files.readString(RepositoryRoot.path().resolve("specs/tasklane.yaml")).replace("""
                    staging:
                      components:
                """, """
                    staging:
                      envGroups:
                        django:
                          DJANGO_SETTINGS_MODULE: tasklane.settings.staging
                      components:
                """);
        Path file = Files.writeString(Files.createDirectories(temp.resolve("specs")).resolve("tasklane.yaml"), spec);
        ApplicationModel model = Charts.model(file);
        Path chartDir = Charts.hooksAsObjects(Charts.write(model, temp.resolve("output"))).chart();
        Set<String> all = new TreeSet<>();
        for (String env : model.environments().keySet()) {
            List<String> expected = model.environments().get(env).stream().filter(o -> o.getKind().equals("Job"))
                    .map(o -> o.getMetadata().getName()).toList();
            all.addAll(expected);
            List<String> rendered = Charts.YAML.readAll(Charts.template(chartDir, model.name(), env, Map.of())).stream()
                    .filter(o -> o.path("kind").asText().equals("Job")).map(o -> o.path("metadata").path("name").asText()).toList();
            assertEquals(expected, rendered, env);
        }
        assertEquals(2, all.size(), "staging's settings give its Job another name: " + all);
    }
}
