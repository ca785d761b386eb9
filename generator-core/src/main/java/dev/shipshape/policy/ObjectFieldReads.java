package dev.shipshape.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an expression reads, when that is only top-level fields of {@code object}
 * ({@code object.apiVersion}, {@code has(object.kind)}), the rule's {@code variables.params},
 * {@code environment} and constants. Such an expression is a pure function of those field values
 * (the parameters are fixed per compiled rule), so the engine evaluates it once per distinct tuple of
 * values ({@link CheckResults}) instead of once per object: {@code deprecated-api} scans its list
 * of 45 APIs once per (apiVersion, kind), not once per object.
 *
 * @param objectFields the top-level fields of {@code object} read, sorted
 * @param environment  true when the expression reads {@code environment}
 */
public record ObjectFieldReads(SortedSet<String> objectFields, boolean environment) {

    /** Variables that carry more than the object's top-level fields: an expression reading one is not analysed. */
    private static final Set<String> OTHER_INPUTS = Set.of("objects", "container", "component", "application");

    private static final Set<String> VARIABLES = Set.of("object", "objects", "variables", "environment",
            "container", "component", "application");

    public ObjectFieldReads {
        objectFields = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(objectFields));
    }

    /**
     * The reads of a checked expression, or empty when it reads anything else ({@code object} as a
     * whole or through {@code ?.}, other variables, a comprehension variable shadowing one of them).
     */
    public static Optional<ObjectFieldReads> of(CelAbstractSyntaxTree ast) {
        SortedSet<String> fields = new TreeSet<>();
        boolean environment = false;
        for (CelNavigableExpr node : CelNavigableExpr.fromExpr(ast.getExpr()).allNodes().toList()) {
            CelExpr expr = node.expr();
            if (shadowsVariable(expr)) {
                return Optional.empty();
            }
            if (expr.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
                continue;
            }
            String name = expr.ident().name();
            Optional<CelExpr> select = node.parent().map(CelNavigableExpr::expr)
                    .filter(parent -> parent.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT
                            && parent.select().operand().id() == expr.id());
            if (name.equals("object")) {
                if (select.isEmpty()) {
                    return Optional.empty();
                }
                fields.add(select.get().select().field());
            } else if (name.equals("variables")) {
                if (select.isEmpty() || select.get().select().testOnly() || !select.get().select().field().equals("params")) {
                    return Optional.empty();
                }
            } else if (name.equals("environment")) {
                environment = true;
            } else if (OTHER_INPUTS.contains(name)) {
                return Optional.empty();
            }
        }
        return Optional.of(new ObjectFieldReads(fields, environment));
    }

    /**
     * Whether the node is a comprehension whose iteration or accumulator variable has the name of
     * one of the engine's variables, hiding it: what such an expression reads cannot be told by name.
     */
    static boolean shadowsVariable(CelExpr expr) {
        if (expr.exprKind().getKind() != CelExpr.ExprKind.Kind.COMPREHENSION) {
            return false;
        }
        CelExpr.CelComprehension comprehension = expr.comprehension();
        return VARIABLES.contains(comprehension.iterVar()) || VARIABLES.contains(comprehension.iterVar2())
                || VARIABLES.contains(comprehension.accuVar());
    }

    /** Both expressions' reads together. */
    public ObjectFieldReads and(ObjectFieldReads other) {
        SortedSet<String> fields = new TreeSet<>(objectFields);
        fields.addAll(other.objectFields);
        return new ObjectFieldReads(fields, environment || other.environment);
    }

    /**
     * The values read from one object (and the environment), or {@code null} when a field holds a map
     * or a list (too costly to compare; the expression is then evaluated as usual).
     */
    List<Object> values(Map<String, Object> object, String environmentName) {
        Object[] values = new Object[objectFields.size() + 1];
        int i = 0;
        for (String field : objectFields) {
            Object value = object.get(field);
            if (value instanceof Map || value instanceof List) {
                return null;
            }
            values[i++] = value;
        }
        values[i] = environment ? environmentName : null;
        return Arrays.asList(values);
    }
}
