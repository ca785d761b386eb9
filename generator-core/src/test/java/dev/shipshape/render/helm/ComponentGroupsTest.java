package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.testing.Kubectl;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.JobStages;
import dev.shipshape.model.KustomizeBuild;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.docs.RunbookRenderer;
import dev.shipshape.render.flux.FluxRenderer;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Component groups ({@code spec.components.<name>.group}, {@code specs/grouped.yaml}): group
 * {@code payments} (an API, its migration job and its database) and group {@code search} are Kustomize
 * builds and Flux Kustomizations of their own beside the main build (the front end, the cache and the
 * application-wide objects), in two environments and a cluster with overrides.
 */
class ComponentGroupsTest {

    private static final ApplicationModel MODEL = Charts.testModel("grouped.yaml");

    @Test
    void theModelDecidesEachObjectsBuildOnce() {
        assertEquals(List.of("ledger/kustomize/", "ledger/kustomize/groups/payments/", "ledger/kustomize/groups/search/"),
                MODEL.builds().stream().map(KustomizeBuild::root).toList());
        Map<String, Optional<String>> expected = Map.of(
                "Namespace/ledger", Optional.empty(),
                "NetworkPolicy/default-deny", Optional.empty(),
                "PrometheusRule/ledger", Optional.empty(),
                "Deployment/frontend", Optional.empty(),
                "StatefulSet/payments-db", Optional.of("payments"),
                "CronJob/payments-db-backup", Optional.of("payments"),
                "ServiceMonitor/payments-api", Optional.of("payments"),
                "NetworkPolicy/migrate", Optional.of("payments"),
                "PersistentVolumeClaim/search-index", Optional.of("search"),
                "Deployment/indexer", Optional.of("search"));
        Map<String, Optional<String>> actual = new TreeMap<>();
        MODEL.environments().get("production").forEach(object -> {
            String name = object.getKind() + "/" + object.getMetadata().getName();
            if (expected.containsKey(name)) {
                actual.put(name, MODEL.groups().of(ObjectKey.of(object)));
            }
        });
        assertEquals(new TreeMap<>(expected), actual);
    }

    /**
     * {@code kubectl kustomize} of every overlay of every build, in each environment and in the
     * cluster with overrides, yields exactly the view's objects of that build, and the builds
     * together yield the view: no object in two builds, none missing.
     */
    @Test
    void everyBuildYieldsExactlyItsGroupsObjectsAndTogetherTheView(@TempDir Path temp) throws Exception {
        Path output = temp.resolve("output");
        Charts.write(MODEL, output);
        assertEquals(List.of("ledger-eu", "production", "staging"), List.copyOf(MODEL.environments().keySet()));
        for (var view : MODEL.environments().entrySet()) {
            SortedMap<ObjectKey, JsonNode> union = new TreeMap<>();
            for (KustomizeBuild build : MODEL.builds()) {
                SortedMap<ObjectKey, JsonNode> built = objects(Kubectl.kustomize(output.resolve(build.overlay(view.getKey()))));
                SortedMap<ObjectKey, JsonNode> expected = new TreeMap<>();
                MODEL.groups().in(build, view.getValue()).forEach(object -> expected.put(ObjectKey.of(object), Charts.YAML.tree(object)));
                String at = view.getKey() + " " + build.root();
                assertFalse(expected.isEmpty(), at + " has objects");
                assertEquals(expected.keySet(), built.keySet(), at + ": objects");
                expected.forEach((key, object) -> assertEquals(object, built.get(key), at + ": " + key));
                built.forEach((key, object) -> assertNull(union.put(key, object), key + " is in two builds of " + view.getKey()));
            }
            SortedMap<ObjectKey, JsonNode> whole = new TreeMap<>();
            view.getValue().forEach(object -> whole.put(ObjectKey.of(object), Charts.YAML.tree(object)));
            assertEquals(whole, union, view.getKey() + ": the builds together are the view");
        }
        String cluster = Files.readString(output.resolve("ledger/kustomize/groups/search/overlays/ledger-eu/kustomization.yaml"));
        assertTrue(cluster.contains("resources:\n  - ../production\n"), "a group's cluster overlay is layered on its environment's:\n" + cluster);
    }

    /** The payments group's jobs stage applies its objects without the API its migration holds back; the other builds have none. */
    @Test
    void aGroupsJobsStageHoldsBackOnlyItsOwnWorkloads(@TempDir Path temp) throws Exception {
        Path output = temp.resolve("output");
        Charts.write(MODEL, output);
        for (String view : MODEL.environments().keySet()) {
            KustomizeBuild payments = MODEL.layout().group("payments");
            List<HasMetadata> own = MODEL.groups().in(payments, MODEL.environments().get(view));
            JobStages stages = JobStages.of(MODEL.spec().views().get(view), own).orElseThrow();
            assertEquals(List.of("Deployment/payments-api"), stages.heldBack().stream().map(k -> k.kind() + "/" + k.name()).toList());
            SortedMap<ObjectKey, JsonNode> built = objects(Kubectl.kustomize(output.resolve(payments.jobs(view))));
            List<ObjectKey> expected = new ArrayList<>(own.stream().map(ObjectKey::of).toList());
            expected.removeAll(stages.heldBack());
            assertEquals(expected, List.copyOf(built.keySet()), view);
            assertFalse(Files.exists(output.resolve(MODEL.layout().main().jobs(view))), "the main build has no job stage");
            assertFalse(Files.exists(output.resolve(MODEL.layout().group("search").jobs(view))), "search has no job stage");
        }
    }

    /**
     * Per Kustomize cluster: {@code ledger}, then per group {@code ledger-<group>} of the group's overlay,
     * after {@code ledger} and the platform, health-checking its own workloads, and
     * {@code ledger-payments-jobs} before {@code ledger-payments}; the Helm cluster keeps one HelmRelease.
     * Every Flux object validates against the strict CRD schemas.
     */
    @Test
    void fluxAppliesEachGroupWithAKustomizationOfItsOwnAfterTheApplication() {
        Map<String, Map<String, Object>> eu = kustomizations("ledger-eu");
        assertEquals(List.of("ledger", "ledger-payments-jobs", "ledger-payments", "ledger-search"), List.copyOf(eu.keySet()));
        assertEquals("./output/ledger/kustomize/groups/search/overlays/ledger-eu", eu.get("ledger-search").get("path"));
        assertEquals("./output/ledger/kustomize/groups/payments/jobs/ledger-eu", eu.get("ledger-payments-jobs").get("path"));
        assertEquals("./output/ledger/kustomize/overlays/ledger-eu", eu.get("ledger").get("path"));
        assertEquals(List.of(Map.of("name", "infra-controllers")), eu.get("ledger").get("dependsOn"));
        assertEquals(List.of(Map.of("name", "infra-controllers"), Map.of("name", "ledger")), eu.get("ledger-search").get("dependsOn"));
        assertEquals(List.of(Map.of("name", "infra-controllers"), Map.of("name", "ledger"), Map.of("name", "ledger-payments-jobs")),
                eu.get("ledger-payments").get("dependsOn"));
        assertEquals(List.of("Deployment/indexer", "Deployment/search"), healthChecks(eu.get("ledger-search")));
        assertEquals(List.of("Deployment/frontend", "StatefulSet/cache"), healthChecks(eu.get("ledger")));
        assertEquals(List.of("Deployment/payments-api", "Job/" + job(), "StatefulSet/payments-db"), healthChecks(eu.get("ledger-payments")));
        for (Map<String, Object> kustomization : eu.values()) {
            assertEquals(true, kustomization.get("prune"));
            assertEquals("5m", kustomization.get("interval"));
            assertEquals(Map.of("kind", "GitRepository", "name", "ledger"), kustomization.get("sourceRef"));
        }
        assertEquals(List.of("ledger"), List.copyOf(kustomizations("ledger-us").keySet()), "the Helm method applies one HelmRelease");
        assertTrue(delivery("ledger-us").helmRelease() != null);

        OutputTree tree = new OutputTree();
        new FluxRenderer(Charts.YAML).render(List.of(MODEL), tree);
        StrictSchemas schemas = new StrictSchemas();
        tree.files().forEach((path, file) -> {
            if (!path.endsWith("kustomization.yaml")) {
                for (JsonNode object : Charts.YAML.readAll(file)) {
                    assertEquals(List.of(), schemas.problems(object), path + " " + object.path("kind").asText());
                }
            }
        });
    }

    /** The data-holding objects a move between groups could let the old Kustomization prune are protected from prune. */
    @Test
    void dataHoldingObjectsOfAGroupAreNotPrunedWhenTheyMove() {
        for (HasMetadata object : MODEL.environments().get("production")) {
            if (object.getKind().equals("PersistentVolumeClaim")) {
                assertEquals("disabled", object.getMetadata().getAnnotations().get("kustomize.toolkit.fluxcd.io/prune"), object.getMetadata().getName());
            }
            if (object instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet statefulSet) {
                assertEquals("Retain", statefulSet.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted(),
                        statefulSet.getMetadata().getName() + "'s claims outlive it");
            }
        }
    }

    @Test
    void theRunbookListsEachGroupsKustomizationsAndPath() {
        String runbook = new RunbookRenderer().markdown(MODEL);
        assertTrue(runbook.contains("| group `payments` | `migrate`, `payments-api`, `payments-db` | `ledger-payments`, `ledger-payments-jobs` | "
                + "`ledger/kustomize/groups/payments/overlays/<view>/` |"), runbook);
        assertTrue(runbook.contains("| main | the application-wide objects, `cache`, `frontend` | `ledger` | `ledger/kustomize/overlays/<view>/` |"), runbook);
        assertTrue(runbook.contains("flux -n flux-system suspend kustomization ledger-search"), runbook);
    }

    private static String job() {
        return MODEL.environments().get("ledger-eu").stream().filter(o -> o.getKind().equals("Job")).findFirst().orElseThrow()
                .getMetadata().getName();
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthChecks(Map<String, Object> kustomization) {
        return ((List<Map<String, String>>) kustomization.get("healthChecks")).stream().map(c -> c.get("kind") + "/" + c.get("name")).toList();
    }

    private static ClusterDelivery delivery(String cluster) {
        return MODEL.deliveries().stream().filter(d -> d.cluster().name().equals(cluster)).findFirst().orElseThrow();
    }

    /** The specs of a cluster's Kustomizations by name, in entry order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> kustomizations(String cluster) {
        Map<String, Map<String, Object>> specs = new java.util.LinkedHashMap<>();
        for (GenericKubernetesResource object : delivery(cluster).entry()) {
            if (object.getKind().equals("Kustomization")) {
                specs.put(object.getMetadata().getName(), (Map<String, Object>) object.getAdditionalProperties().get("spec"));
            }
        }
        return specs;
    }

    private static SortedMap<ObjectKey, JsonNode> objects(String stream) {
        SortedMap<ObjectKey, JsonNode> objects = new TreeMap<>();
        for (JsonNode document : Charts.YAML.readAll(stream)) {
            objects.put(new ObjectKey(document.path("apiVersion").asText(), document.path("kind").asText(),
                    document.path("metadata").path("namespace").asText(""), document.path("metadata").path("name").asText()), document);
        }
        return objects;
    }
}
