package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Tls;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every emitted object validates against the strict Kubernetes v1.32.2 and CRD schemas. */
class SchemaValidationTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("acme", UnaryOperator.<Application>identity()),
                Arguments.of("external database", (UnaryOperator<Application>) AcmeSpec::externalDatabase),
                Arguments.of("fixed replicas", (UnaryOperator<Application>) AcmeSpec::fixedReplicas),
                Arguments.of("existing ClusterIssuer", (UnaryOperator<Application>) app ->
                        AcmeSpec.withTls(app, new Tls("corporate-ca", null, false))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyObjectOfEveryViewValidates(String name, UnaryOperator<Application> variant) {
        ApplicationSpec spec = AcmeSpec.spec(variant);
        ApplicationModel model = new ModelBuilder().build(spec);
        List<HasMetadata> all = new ArrayList<>(model.defaults());
        model.environments().values().forEach(all::addAll);

        SCHEMAS.assertValid(all);
        assertTrue(all.size() > 30, "the acme spec yields every kind, got " + all.size() + " objects");
    }

    @Test
    void aKindWithoutSchemaFails() {
        HasMetadata unknown = new CustomResource("example.com/v1", "Gadget")
                .build(new Metadata("acme").of("x", Map.of()), Map.of());

        List<String> problems = SCHEMAS.problems(unknown);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("no schema"), problems.get(0));
    }

    @Test
    void anInvalidObjectFails() {
        HasMetadata configMap = new ConfigMapBuilder().withNewMetadata().withName("x").endMetadata()
                .addToData("k", "v").build();
        configMap.getMetadata().setAdditionalProperty("bogus", true);

        assertFalse(SCHEMAS.problems(configMap).isEmpty());
    }
}
