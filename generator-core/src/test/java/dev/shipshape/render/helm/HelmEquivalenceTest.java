package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.render.TestModels;
import dev.shipshape.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * THE property of the Helm output: for every application and environment, the objects of
 * {@code helm template <app> <chart> -f values-<env>.yaml} equal the objects of
 * {@code kubectl kustomize <app>/kustomize/overlays/<env>} — with component groups, the union of
 * that and every group's {@code kustomize/groups/<group>/overlays/<env>} ({@link Charts#kustomizeBuilds})
 * — same kinds, names, namespaces and fields, compared as parsed objects — apart from
 * {@code helm.sh/chart} and {@code app.kubernetes.io/managed-by}.
 *
 * <p>Helm hooks are the one documented difference ({@link HelmHooks}), treated explicitly: the test
 * checks that exactly the hook objects — every batch/v1 Job and the ServiceAccount and
 * NetworkPolicy its pods run as — carry {@code helm.sh/hook}, {@code helm.sh/hook-weight} and
 * {@code helm.sh/hook-delete-policy} with the documented values, then renders a copy of the chart
 * with only those three annotation lines (and an annotation map they leave empty) removed
 * ({@link Charts#hooksAsObjects}; helm-java's {@code template} prints no hooks), so the hook objects
 * are compared field for field like every other object.
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

    /** Patches that differ per environment ({@code specs/patched.yaml}) become per-environment values like generated fields. */
    @Test
    void specWithPatchesPerEnvironment(@TempDir Path temp) throws Exception {
        assertEquivalent(Charts.model(Path.of(java.util.Objects.requireNonNull(
                HelmEquivalenceTest.class.getResource("/specs/patched.yaml")).toURI())), temp);
    }

    /**
     * Routes switched per environment ({@code specs/gateway-switch.yaml}): an Ingress in one, the own
     * Gateway with HTTPRoute, GRPCRoute, redirect and a BackendTLSPolicy in another, a shared Gateway in a third.
     */
    @Test
    void routesSwitchedBetweenIngressAndGatewayPerEnvironment(@TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(Path.of(java.util.Objects.requireNonNull(
                HelmEquivalenceTest.class.getResource("/specs/gateway-switch.yaml")).toURI()));
        for (var kinds : java.util.Map.of("staging", "Ingress", "production", "Gateway", "preview", "HTTPRoute").entrySet()) {
            assertTrue(model.environments().get(kinds.getKey()).stream().anyMatch(o -> o.getKind().equals(kinds.getValue())),
                    kinds.getKey() + " renders a " + kinds.getValue());
        }
        for (var environment : model.environments().entrySet()) {
            assertEquals(environment.getKey().equals("production"), environment.getValue().stream().anyMatch(o -> o.getKind().equals("BackendTLSPolicy")),
                    environment.getKey() + ": only production's catalog serves TLS behind a Gateway");
        }
        assertEquivalent(model, temp);
    }

    /**
     * Clusters with overrides ({@code specs/multi-region.yaml}): each cluster's overlay, layered on its
     * environment's, equals {@code helm template} with the environment's and then the cluster's values file.
     */
    @Test
    void clustersWithOverridesLayeredOnTheirEnvironment(@TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(Path.of(java.util.Objects.requireNonNull(
                HelmEquivalenceTest.class.getResource("/specs/multi-region.yaml")).toURI()));
        assertEquals(Set.of("staging", "production", "atlas-europe-west1", "atlas-us-east1"), model.environments().keySet());
        assertEquivalent(model, temp);
    }

    /**
     * Component groups ({@code specs/grouped.yaml}): the one chart equals the main build and the two
     * groups' builds together, in each environment and in the cluster with overrides.
     */
    @Test
    void componentGroupsTogetherEqualTheOneChart(@TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.testModel("grouped.yaml");
        assertEquals(3, model.builds().size());
        assertEquivalent(model, temp);
    }

    private static void assertEquivalent(ApplicationModel model, Path temp) throws Exception {
        Path output = temp.resolve("output");
        Charts.HookedChart hooked = Charts.hooksAsObjects(Charts.write(model, output));
        Path chart = hooked.chart();
        assertFalse(model.environments().isEmpty(), model.name() + " has no environment to compare");
        for (String env : model.environments().keySet()) {
            SortedMap<ObjectKey, JsonNode> kustomize = Charts.withoutHelmLabels(Charts.kustomizeBuilds(model, output, env));
            assertSopsSecretsOnlyInKustomize(model, env, kustomize);
            SortedMap<ObjectKey, JsonNode> helm = Charts.withoutHelmLabels(Charts.templateWith(chart, model.name(),
                    model.layout().valuesFiles(model.spec(), env), Map.of()));
            assertHooks(helm, hooked.hooks(), model.name() + " " + env);
            assertEquals(kustomize.keySet(), helm.keySet(), model.name() + " " + env + ": objects");
            kustomize.forEach((key, object) -> assertEquals(object, helm.get(key), model.name() + " " + env + ": " + key));
        }
    }

    /**
     * The other documented difference: the environment's sops-encrypted Secrets are in its overlay,
     * verbatim (with their {@code sops} metadata, for Flux to decrypt), and never in the chart, which
     * a HelmRelease cannot decrypt ({@link dev.shipshape.model.SopsSecrets}). Removes them from
     * {@code kustomize} once checked.
     */
    private static void assertSopsSecretsOnlyInKustomize(ApplicationModel model, String env, SortedMap<ObjectKey, JsonNode> kustomize) {
        Set<ObjectKey> expected = new HashSet<>();
        dev.shipshape.model.SopsSecrets.of(model.spec().views().get(env))
                .forEach(secret -> expected.add(new ObjectKey("v1", "Secret", model.spec().views().get(env).namespace(), secret.name())));
        Set<ObjectKey> encrypted = new HashSet<>();
        kustomize.forEach((key, object) -> {
            if (object.has("sops")) {
                encrypted.add(key);
                assertTrue(object.at("/sops/mac").asText().startsWith("ENC["), key + " keeps its sops MAC");
            }
        });
        assertEquals(expected, encrypted, model.name() + " " + env + ": the sops Secrets of the overlay");
        kustomize.keySet().removeAll(encrypted);
    }

    /**
     * Checks that exactly the Jobs and the ServiceAccounts and NetworkPolicies their pods run as
     * carry the hook annotations, with the documented phases, weights and delete policies, among
     * the objects this environment renders (another environment's Job, a Job of another content
     * and so of another name, is a hook template whose flag is off here).
     */
    private static void assertHooks(SortedMap<ObjectKey, JsonNode> helm, Map<String, Map<String, String>> hooks, String view) {
        Set<String> accounts = new HashSet<>();
        helm.forEach((key, object) -> {
            if (key.kind().equals("Job")) {
                accounts.add(object.at("/spec/template/spec/serviceAccountName").asText());
            }
        });
        Set<String> expected = new HashSet<>();
        helm.forEach((key, object) -> {
            boolean job = key.kind().equals("Job");
            boolean own = (key.kind().equals("ServiceAccount") || key.kind().equals("NetworkPolicy")) && accounts.contains(key.name());
            if (job || own) {
                Map<String, String> annotations = hooks.get(key.fileStem() + ".yaml");
                assertEquals(Map.of(HelmHooks.HOOK, HelmHooks.PHASES, HelmHooks.WEIGHT, job ? "0" : "-10",
                        HelmHooks.DELETE_POLICY, job ? "before-hook-creation,hook-succeeded" : "before-hook-creation"),
                        annotations, view + ": " + key + " is a hook");
                expected.add(key.fileStem() + ".yaml");
            }
        });
        Set<String> rendered = new HashSet<>();
        helm.keySet().forEach(key -> rendered.add(key.fileStem() + ".yaml"));
        Set<String> renderedHooks = new HashSet<>(hooks.keySet());
        renderedHooks.retainAll(rendered);
        assertEquals(expected, renderedHooks, view + ": no other object is a hook");
    }
}
