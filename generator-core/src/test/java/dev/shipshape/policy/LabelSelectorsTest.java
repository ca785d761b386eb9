package dev.shipshape.policy;

import dev.cel.runtime.CelEvaluationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelSelectorsTest {

    private final Map<String, String> labels = Map.of("app", "api", "tier", "backend");

    @Test
    void emptySelectorSelectsEverything() throws CelEvaluationException {
        assertTrue(LabelSelectors.selects(Map.of(), labels));
        assertTrue(LabelSelectors.selects(Map.of(), Map.of()));
    }

    @Test
    void matchLabelsAndMatchExpressionsMustAllHold() throws CelEvaluationException {
        Map<String, Object> selector = Map.of("matchLabels", Map.of("app", "api"),
                "matchExpressions", List.of(Map.of("key", "tier", "operator", "In", "values", List.of("backend", "web"))));
        assertTrue(LabelSelectors.selects(selector, labels));
        assertFalse(LabelSelectors.selects(selector, Map.of("app", "api", "tier", "db")));
        assertFalse(LabelSelectors.selects(selector, Map.of("tier", "backend")));
    }

    @Test
    void operators() throws CelEvaluationException {
        assertTrue(LabelSelectors.selects(expression("tier", "NotIn", List.of("db")), labels));
        assertTrue(LabelSelectors.selects(expression("zone", "NotIn", List.of("a")), labels), "NotIn matches an absent label");
        assertFalse(LabelSelectors.selects(expression("tier", "NotIn", List.of("backend")), labels));
        assertTrue(LabelSelectors.selects(expression("tier", "Exists", null), labels));
        assertFalse(LabelSelectors.selects(expression("zone", "Exists", null), labels));
        assertTrue(LabelSelectors.selects(expression("zone", "DoesNotExist", null), labels));
        assertFalse(LabelSelectors.selects(expression("tier", "DoesNotExist", null), labels));
        assertFalse(LabelSelectors.selects(expression("zone", "In", List.of("a")), labels));
        assertThrows(CelEvaluationException.class, () -> LabelSelectors.selects(expression("tier", "Equals", List.of("x")), labels));
    }

    @Test
    void serviceSelectorIsEqualityAndEmptySelectsNothing() throws CelEvaluationException {
        assertTrue(LabelSelectors.serviceSelects(Map.of("app", "api"), labels));
        assertFalse(LabelSelectors.serviceSelects(Map.of("app", "web"), labels));
        assertFalse(LabelSelectors.serviceSelects(Map.of(), labels));
    }

    private static Map<String, Object> expression(String key, String operator, List<String> values) {
        Map<String, Object> requirement = values == null ? Map.of("key", key, "operator", operator)
                : Map.of("key", key, "operator", operator, "values", values);
        return Map.of("matchExpressions", List.of(requirement));
    }
}
