package dev.shipshape.model.patch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.ObjectPatch;
import dev.shipshape.spec.SpecProblem;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Target resolution, the guarded fields and the typed round trip of {@link ObjectPatches}, on hand-built objects. */
class ObjectPatchesTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Path SPEC = Path.of("shop.yaml");
    private static final Location AT = new Location(SPEC, 10, 9);
    private static final Location TARGET = new Location(SPEC, 10, 11);
    private static final Location BODY = new Location(SPEC, 11, 11);

    private final ObjectPatches patches = new ObjectPatches();

    private static Service service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("shop")
                .withLabels(Map.of("app.kubernetes.io/name", "db", "app.kubernetes.io/version", "1")).endMetadata()
                .withNewSpec().withSelector(Map.of("app.kubernetes.io/name", "db")).addNewPort().withPort(5432).endPort().endSpec().build();
    }

    private static List<HasMetadata> owned() {
        return List.of(service("db"), service("db-headless"),
                new ConfigMapBuilder().withNewMetadata().withName("db-a").endMetadata().build(),
                new ConfigMapBuilder().withNewMetadata().withName("db-b").endMetadata().build());
    }

    private static ObjectPatch merge(String kind, String name, String patch) throws Exception {
        return new ObjectPatch(kind, name, YAML.readTree(patch), List.of(), AT, TARGET, BODY);
    }

    @Test
    void withoutANameTheObjectNamedLikeTheComponentIsPatched() throws Exception {
        ObjectPatches.Result result = patches.apply("db", List.of(merge("Service", null, "{spec: {sessionAffinity: ClientIP}}")), owned());
        assertEquals(List.of(), result.problems());
        assertEquals("ClientIP", ((Service) result.objects().get(0)).getSpec().getSessionAffinity());
        assertSame(owned().get(1).getClass(), result.objects().get(1).getClass());
        assertEquals(owned().get(1), result.objects().get(1), "the other Service is untouched");
    }

    @Test
    void aNamedTargetIsPatchedAndAnUnchangedRoundTripIsEqual() throws Exception {
        ObjectPatches.Result result = patches.apply("db", List.of(merge("Service", "db-headless", "{metadata: {annotations: null}}")), owned());
        assertEquals(List.of(), result.problems());
        assertEquals(owned(), result.objects(), "a patch that changes nothing gives equal objects");
    }

    @Test
    void severalObjectsOfTheKindWithoutANameIsAmbiguous() throws Exception {
        ObjectPatches.Result result = patches.apply("db", List.of(merge("ConfigMap", null, "{data: {a: b}}")), owned());
        assertEquals(1, result.problems().size());
        SpecProblem problem = result.problems().get(0);
        assertEquals(TARGET, problem.location());
        assertTrue(problem.message().contains("ambiguous") && problem.message().contains("db-a, db-b"), problem::toString);
        assertTrue(problem.fix().contains("target.name"), problem::toString);
    }

    @Test
    void theVersionLabelMayChangeTheNameLabelAndTheSelectorMayNot() throws Exception {
        assertEquals(List.of(), patches.apply("db", List.of(merge("Service", null,
                "{metadata: {labels: {app.kubernetes.io/version: '2', team: data}}}")), owned()).problems());
        List<SpecProblem> label = patches.apply("db", List.of(merge("Service", null,
                "{metadata: {labels: {app.kubernetes.io/name: null}}}")), owned()).problems();
        assertEquals(1, label.size());
        assertTrue(label.get(0).message().contains("`metadata.labels.app.kubernetes.io/name`"), label.get(0)::toString);
        assertEquals(BODY, label.get(0).location());
        ObjectPatch selector = new ObjectPatch("Service", null, null, List.of(new ObjectPatch.Operation(
                YAML.readTree("{op: add, path: /spec/selector/tier, value: db}"), new Location(SPEC, 12, 13))), AT, TARGET, BODY);
        List<SpecProblem> problems = patches.apply("db", List.of(selector), owned()).problems();
        assertEquals(1, problems.size());
        assertEquals(new Location(SPEC, 12, 13), problems.get(0).location(), "a JSON Patch problem is at its operation");
        assertTrue(problems.get(0).message().contains("`spec.selector`"), problems.get(0)::toString);
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedWithItsPath() throws Exception {
        List<SpecProblem> problems = patches.apply("db", List.of(merge("Service", null, "{spec: {ports: [{port: 5432, nodePort: abc}]}}")),
                owned()).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("`spec.ports[0].nodePort`"), problems.get(0)::toString);
    }
}
