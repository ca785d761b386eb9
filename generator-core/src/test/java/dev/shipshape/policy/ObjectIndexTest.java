package dev.shipshape.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.runtime.CelEvaluationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ObjectIndex} returns exactly what a scan of every object with {@link LabelSelectors} and
 * {@link ObjectRelations} returns (the semantics the set rules had before the index): on every object
 * fixture, and on hand-made sets for the edge cases of the label buckets.
 */
class ObjectIndexTest {

    private static final ObjectTrees TREES = new ObjectTrees();

    static Stream<Path> objectFixtures() throws IOException {
        try (Stream<Path> files = Files.walk(RepositoryRoot.path().resolve("policies/fixtures"), 2)) {
            return files.filter(f -> f.toString().endsWith(".yaml") && !f.getParent().endsWith("backup-exists"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objectFixtures")
    void lookupsEqualAScanOfEveryObject(Path fixture) throws IOException, CelEvaluationException {
        assertLookupsEqualScans(read(fixture));
    }

    @Test
    void edgeCasesOfTheLabelBuckets() throws CelEvaluationException {
        List<Map<String, Object>> objects = List.of(
                deployment("acme", "api", Map.of("app", "api", "tier", "backend", "part-of", "shop")),
                deployment("acme", "ui", Map.of("app", "ui", "tier", "frontend", "part-of", "shop")),
                deployment("other", "api", Map.of("app", "api", "tier", "backend", "part-of", "shop")),
                deployment("acme", "bare", Map.of()),
                networkPolicy("acme", "deny-all", Map.of()),
                networkPolicy("acme", "shop", Map.of("matchLabels", Map.of("part-of", "shop", "app", "api"))),
                networkPolicy("acme", "expressions", Map.of("matchExpressions",
                        List.of(Map.of("key", "tier", "operator", "NotIn", "values", List.of("frontend"))))),
                networkPolicy("other", "api", Map.of("matchLabels", Map.of("app", "api"))),
                tree("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "api", "namespace", "acme",
                        "labels", Map.of("app", "api", "tier", "backend", "part-of", "shop")),
                        "spec", Map.of("selector", Map.of("app", "api"))),
                tree("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "headless", "namespace", "acme"),
                        "spec", Map.of("clusterIP", "None")),
                tree("apiVersion", "policy/v1", "kind", "PodDisruptionBudget", "metadata", Map.of("name", "none", "namespace", "acme"),
                        "spec", Map.of("maxUnavailable", 1L)),
                tree("apiVersion", "policy/v1", "kind", "PodDisruptionBudget", "metadata", Map.of("name", "all", "namespace", "acme"),
                        "spec", Map.of("selector", Map.of())));
        ObjectIndex index = new ObjectIndex(objects);

        // api in acme: the empty selector, the two-label selector, the NotIn selector; not the other namespace's
        assertEquals(List.of("deny-all", "shop", "expressions"), names(index.selecting(objects.get(0), "NetworkPolicy")));
        // ui: excluded by NotIn and by the second label of "shop"
        assertEquals(List.of("deny-all"), names(index.selecting(objects.get(1), "NetworkPolicy")));
        assertEquals(List.of("api"), names(index.selecting(objects.get(2), "NetworkPolicy")));
        // a workload without pod labels: only selectors without requirements... and NotIn (label absent)
        assertEquals(List.of("deny-all", "expressions"), names(index.selecting(objects.get(3), "NetworkPolicy")));
        // same labels, other kind: a Service carries api's labels but runs no pods
        assertEquals(List.of("deny-all", "expressions"), names(index.selecting(objects.get(8), "NetworkPolicy")));
        // a PDB without selector selects nothing, an empty one everything
        assertEquals(List.of("all"), names(index.selecting(objects.get(0), "PodDisruptionBudget")));
        // a Service without selector selects nothing
        assertEquals(List.of("api"), names(index.selecting(objects.get(0), "Service")));
        assertEquals(List.of(), index.selectedBy(objects.get(9)));
        assertEquals(List.of("api", "ui", "bare"), names(index.selectedBy(objects.get(4))));
        assertEquals(List.of("api", "bare"), names(index.selectedBy(objects.get(6))));
        assertEquals(List.of("headless"), names(index.named("Service", "acme", "headless")));
        assertEquals(List.of(), index.named("Service", "other", "headless"));
        assertThrows(CelEvaluationException.class, () -> index.selecting(objects.get(0), "Ingress"));
        assertLookupsEqualScans(objects);
    }

    @Test
    void aMalformedSelectorIsAnEvaluationError() {
        List<Map<String, Object>> objects = List.of(
                deployment("acme", "api", Map.of("app", "api")),
                networkPolicy("acme", "bad", Map.of("matchExpressions",
                        List.of(Map.of("key", "app", "operator", "Matches", "values", List.of("api"))))));
        ObjectIndex index = new ObjectIndex(objects);
        assertThrows(CelEvaluationException.class, () -> index.selecting(objects.get(0), "NetworkPolicy"));
        assertThrows(CelEvaluationException.class, () -> index.selectedBy(objects.get(1)));
    }

    @Test
    void anIndexIsItsOwnIndexAndAnyListGetsOne() throws CelEvaluationException {
        ObjectIndex index = new ObjectIndex(List.of(deployment("acme", "api", Map.of("app", "api"))));
        assertSame(index, ObjectIndex.of(index));
        assertEquals(index, ObjectIndex.of(List.copyOf(index)));
        assertThrows(CelEvaluationException.class, () -> ObjectIndex.of("objects"));
    }

    /** Every lookup against a filter of every object, with the functions the rules used before the index. */
    private static void assertLookupsEqualScans(List<Map<String, Object>> objects) throws CelEvaluationException {
        ObjectIndex index = new ObjectIndex(objects);
        List<Object> workloads = new ArrayList<>(ObjectRelations.workloads(objects));
        for (Map<String, Object> object : objects) {
            String kind = String.valueOf(object.get("kind"));
            for (String selecting : ObjectIndex.POD_SELECTING_KINDS) {
                List<Object> expected = new ArrayList<>();
                for (Map<String, Object> candidate : objects) {
                    if (selecting.equals(candidate.get("kind")) && ObjectRelations.sameNamespace(candidate, object)
                            && podSelectorSelects(candidate, ObjectRelations.podLabels(object))) {
                        expected.add(candidate);
                    }
                }
                assertEquals(expected, index.selecting(object, selecting), selecting + " selecting " + ObjectTrees.key(object));
            }
            if (ObjectIndex.POD_SELECTING_KINDS.contains(kind)) {
                List<Object> expected = new ArrayList<>();
                for (Object workload : workloads) {
                    if (ObjectRelations.sameNamespace(workload, object) && podSelectorSelects(object, ObjectRelations.podLabels(workload))) {
                        expected.add(workload);
                    }
                }
                assertEquals(expected, index.selectedBy(object), "selected by " + ObjectTrees.key(object));
            }
            if (kind.equals("ServiceMonitor")) {
                assertEquals(servicesScanned(object, objects), index.selectedBy(object), "selected by " + ObjectTrees.key(object));
            }
            List<Object> monitors = new ArrayList<>();
            for (Map<String, Object> candidate : objects) {
                if ("ServiceMonitor".equals(candidate.get("kind")) && servicesScanned(candidate, objects).contains(object)) {
                    monitors.add(candidate);
                }
            }
            assertEquals(monitors, index.selecting(object, "ServiceMonitor"), "ServiceMonitors selecting " + ObjectTrees.key(object));
            List<Object> autoscalers = objects.stream().filter(h -> ObjectRelations.scales(h, object)).map(h -> (Object) h).toList();
            assertEquals(autoscalers, index.autoscalers(object));
            List<Object> targets = objects.stream().filter(w -> ObjectRelations.scales(object, w)).map(w -> (Object) w).toList();
            assertEquals(targets, index.scaleTargets(object));
            ObjectKeyView key = new ObjectKeyView(object);
            assertEquals(objects.stream().filter(o -> new ObjectKeyView(o).equals(key)).map(o -> (Object) o).toList(),
                    index.named(object.get("kind"), key.namespace(), key.name()));
        }
    }

    private static boolean podSelectorSelects(Map<String, Object> selecting, Map<?, ?> labels) throws CelEvaluationException {
        Map<?, ?> spec = selecting.get("spec") instanceof Map<?, ?> m ? m : Map.of();
        return switch (String.valueOf(selecting.get("kind"))) {
            case "NetworkPolicy" -> LabelSelectors.selects(spec.get("podSelector") == null ? Map.of() : spec.get("podSelector"), labels);
            case "PodDisruptionBudget" -> spec.get("selector") != null && LabelSelectors.selects(spec.get("selector"), labels);
            default -> LabelSelectors.serviceSelects(spec.get("selector") == null ? Map.of() : spec.get("selector"), labels);
        };
    }

    private static List<Object> servicesScanned(Map<String, Object> monitor, List<Map<String, Object>> objects)
            throws CelEvaluationException {
        Map<?, ?> spec = (Map<?, ?>) monitor.get("spec");
        Map<?, ?> namespaces = spec.get("namespaceSelector") instanceof Map<?, ?> m ? m : Map.of();
        List<Object> services = new ArrayList<>();
        for (Map<String, Object> service : objects) {
            String namespace = ObjectRelations.namespace(service);
            boolean inNamespace = Boolean.TRUE.equals(namespaces.get("any"))
                    || (namespaces.get("matchNames") instanceof List<?> names ? names.contains(namespace)
                    : ObjectRelations.sameNamespace(service, monitor));
            if ("Service".equals(service.get("kind")) && inNamespace
                    && LabelSelectors.selects(spec.get("selector") == null ? Map.of() : spec.get("selector"), ObjectTrees.labels(service))) {
                services.add(service);
            }
        }
        return services;
    }

    /** Kind, namespace and name as the relations compare them. */
    private record ObjectKeyView(Object kind, String namespace, Object name) {
        ObjectKeyView(Map<String, Object> object) {
            this(object.get("kind"), ObjectRelations.namespace(object),
                    object.get("metadata") instanceof Map<?, ?> m ? m.get("name") : null);
        }
    }

    private static List<Map<String, Object>> read(Path fixture) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> nodes = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(fixture.toFile())) {
            while (nodes.hasNext()) {
                JsonNode node = nodes.next();
                if (node != null && node.isObject()) {
                    documents.add(TREES.map(node));
                }
            }
        }
        return documents;
    }

    private static List<Object> names(List<Object> objects) {
        return objects.stream().map(o -> ((Map<?, ?>) ((Map<?, ?>) o).get("metadata")).get("name")).map(n -> (Object) n).toList();
    }

    private static Map<String, Object> deployment(String namespace, String name, Map<String, String> podLabels) {
        return tree("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", name, "namespace", namespace),
                "spec", Map.of("template", Map.of("metadata", Map.of("labels", podLabels))));
    }

    private static Map<String, Object> networkPolicy(String namespace, String name, Map<String, Object> podSelector) {
        return tree("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy", "metadata", Map.of("name", name, "namespace", namespace),
                "spec", Map.of("podSelector", podSelector, "policyTypes", List.of("Ingress", "Egress")));
    }

    private static Map<String, Object> tree(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return TREES.map(new ObjectMapper().valueToTree(map));
    }
}
