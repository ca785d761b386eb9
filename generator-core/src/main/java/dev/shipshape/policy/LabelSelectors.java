package dev.shipshape.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.List;
import java.util.Map;

/**
 * Kubernetes label-selector semantics as CEL functions, for rules that relate objects (a PDB to
 * the pods it protects, a NetworkPolicy to the pods it isolates, a Service to its endpoints).
 * Semantics follow the Kubernetes API reference, "Labels and Selectors"
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors):
 *
 * <ul>
 *   <li>{@code selects(selector, labels)}: {@code selector} is a {@code metav1.LabelSelector}
 *       ({@code matchLabels} AND every {@code matchExpressions} requirement). An empty selector
 *       ({@code {}}) selects every object. Operators: {@code In} (label present, value listed),
 *       {@code NotIn} (label absent, or value not listed), {@code Exists}, {@code DoesNotExist}.
 *       Any other operator is an evaluation error.</li>
 *   <li>{@code serviceSelects(selector, labels)}: {@code selector} is a Service's
 *       {@code spec.selector} map: every pair must equal a label. An empty map selects nothing
 *       (a Service without a selector has no endpoints the cluster manages).</li>
 * </ul>
 *
 * These functions exist only in shipshape's engine, not in the API server: a rule that uses them
 * is never exported as a ValidatingAdmissionPolicy.
 */
public final class LabelSelectors {

    /** Prefix of the overload ids of shipshape's own CEL functions. */
    public static final String OVERLOAD_PREFIX = "shipshape_";

    private static final String SELECTS = OVERLOAD_PREFIX + "selects_dyn_dyn";
    private static final String SERVICE_SELECTS = OVERLOAD_PREFIX + "service_selects_dyn_dyn";

    /** The CEL declarations of the functions. */
    public List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("selects",
                        CelOverloadDecl.newGlobalOverload(SELECTS, SimpleType.BOOL, SimpleType.DYN, SimpleType.DYN)),
                CelFunctionDecl.newFunctionDeclaration("serviceSelects",
                        CelOverloadDecl.newGlobalOverload(SERVICE_SELECTS, SimpleType.BOOL, SimpleType.DYN, SimpleType.DYN)));
    }

    /** The runtime bindings of the functions. */
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from(SELECTS, Object.class, Object.class, LabelSelectors::selects),
                CelFunctionBinding.from(SERVICE_SELECTS, Object.class, Object.class, LabelSelectors::serviceSelects));
    }

    /**
     * True when a {@code metav1.LabelSelector} selects an object with these labels.
     *
     * @param selector a map with optional {@code matchLabels} and {@code matchExpressions}
     * @param labels   the object's labels (a map; {@code null} means no labels)
     * @throws CelEvaluationException on an unknown operator or a malformed selector
     */
    public static boolean selects(Object selector, Object labels) throws CelEvaluationException {
        Map<?, ?> labelMap = asMap(labels, "labels");
        Map<?, ?> selectorMap = asMap(selector, "selector");
        Map<?, ?> matchLabels = asMap(selectorMap.get("matchLabels"), "matchLabels");
        for (Map.Entry<?, ?> pair : matchLabels.entrySet()) {
            if (!pair.getValue().equals(labelMap.get(pair.getKey()))) {
                return false;
            }
        }
        Object expressions = selectorMap.get("matchExpressions");
        if (expressions == null) {
            return true;
        }
        if (!(expressions instanceof List<?> requirements)) {
            throw new CelEvaluationException("matchExpressions must be a list");
        }
        for (Object requirement : requirements) {
            if (!matches(asMap(requirement, "matchExpressions entry"), labelMap)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a Service's {@code spec.selector} selects a pod with these labels.
     *
     * @param selector the Service's selector map; empty selects nothing
     * @param labels   the pod's labels
     * @throws CelEvaluationException when an argument is not a map
     */
    public static boolean serviceSelects(Object selector, Object labels) throws CelEvaluationException {
        Map<?, ?> selectorMap = asMap(selector, "selector");
        Map<?, ?> labelMap = asMap(labels, "labels");
        return !selectorMap.isEmpty()
                && selectorMap.entrySet().stream().allMatch(pair -> pair.getValue().equals(labelMap.get(pair.getKey())));
    }

    private static boolean matches(Map<?, ?> requirement, Map<?, ?> labels) throws CelEvaluationException {
        Object key = requirement.get("key");
        Object operator = requirement.get("operator");
        List<?> values = requirement.get("values") instanceof List<?> list ? list : List.of();
        boolean present = labels.containsKey(key);
        if ("In".equals(operator)) {
            return present && values.contains(labels.get(key));
        }
        if ("NotIn".equals(operator)) {
            return !present || !values.contains(labels.get(key));
        }
        if ("Exists".equals(operator)) {
            return present;
        }
        if ("DoesNotExist".equals(operator)) {
            return !present;
        }
        throw new CelEvaluationException("unknown label selector operator '" + operator
                + "': use In, NotIn, Exists or DoesNotExist");
    }

    private static Map<?, ?> asMap(Object value, String what) throws CelEvaluationException {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw new CelEvaluationException(what + " must be a map, got " + value.getClass().getSimpleName());
    }
}
