package dev.shipshape.policy;

import dev.cel.common.types.CelKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Container checks that read only the container ({@link ContainerReads}) are evaluated once per
 * distinct container ({@link ContainerOutcomes}): the analysis must accept exactly the expressions
 * that are functions of the container and the parameters, and a remembered outcome must still be
 * reported on every object and container that has it.
 */
class ContainerOutcomesTest {

    private static final CelExpressionCompiler COMPILER = new CelExpressionCompiler();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "container.image.startsWith('ghcr.io/') ; true",
            "variables.params.allowedRegistries.exists(r, container.image.startsWith(r)) ; true",
            "container.?securityContext.?readOnlyRootFilesystem.orValue(false) ; true",
            // the object, the environment or another variable: not a function of the container alone
            "object.kind == 'Pod' && container.name == 'app' ; false",
            "environment == 'production' || container.name == 'app' ; false",
            "size(variables.containers) > 0 && container.name == 'app' ; false",
            "has(variables.params) && container.name == 'app' ; false",
            // a comprehension variable named like an input hides what the expression reads
            "[container].all(object, object.name == 'app') ; false",
    })
    void onlyExpressionsOfTheContainerAndTheParametersQualify(String expression, boolean containerOnly) {
        assertEquals(containerOnly, COMPILER.compile(expression, CelKind.BOOL).containerOnly(), expression);
    }

    @Test
    void anEqualContainerIsEvaluatedOnceAndAnotherAgain() {
        CompiledRule.CompiledCheck check = CompiledRule.compile(PolicyEngine.builder().build().rules().stream()
                .filter(rule -> rule.id().equals("image-tag-pinned")).findFirst().orElseThrow(), COMPILER).checks().get(0);
        ContainerOutcomes outcomes = new ContainerOutcomes();
        int[] evaluations = {0};
        CheckResults.Failure failure = new CheckResults.Failure("tagged latest", null);
        Supplier<CheckResults.Failure> evaluate = () -> {
            evaluations[0]++;
            return failure;
        };
        // equal trees of two objects (two environments), each keyed by its own object's Containers
        Object first = Map.of("name", "app", "image", "ghcr.io/acme/app:latest");
        Object equal = new LinkedHashMap<>(Map.of("name", "app", "image", "ghcr.io/acme/app:latest"));
        assertEquals(failure, outcomes.outcome(check, new ContainerOutcomes.Containers().key(first), evaluate));
        assertEquals(failure, outcomes.outcome(check, new ContainerOutcomes.Containers().key(equal), evaluate));
        assertEquals(1, evaluations[0], "the equal container's outcome is remembered");
        outcomes.outcome(check, new ContainerOutcomes.Containers().key(Map.of("name", "app", "image", "ghcr.io/acme/app:1.2.3")), evaluate);
        assertEquals(2, evaluations[0], "another container is evaluated");
    }

    @Test
    void aRememberedOutcomeIsReportedOnEveryObjectAndContainerThatHasIt() {
        PolicyEngine engine = PolicyEngine.builder().build();
        Map<String, Object> latest = Map.of("name", "app", "image", "ghcr.io/acme/app:latest");
        Map<String, Object> pinned = Map.of("name", "app", "image", "ghcr.io/acme/app:1.2.3");
        List<Map<String, Object>> objects = List.of(deployment("one", latest), deployment("two", latest), deployment("three", pinned));

        List<Finding> tagFindings = engine.evaluate(PolicySubject.ofObjects("production", objects), Exemptions.none())
                .findings().stream().filter(f -> f.ruleId().equals("image-tag-pinned")).toList();

        assertEquals(List.of("Deployment/shop/one app", "Deployment/shop/two app"),
                tagFindings.stream().map(f -> f.object() + " " + f.container()).toList());
        assertEquals(tagFindings.get(0).message(), tagFindings.get(1).message());
    }

    private static Map<String, Object> deployment(String name, Map<String, Object> container) {
        return Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", name, "namespace", "shop"),
                "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(container)))));
    }
}
