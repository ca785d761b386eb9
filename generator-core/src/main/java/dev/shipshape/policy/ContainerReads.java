package dev.shipshape.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableExpr;

import java.util.Set;

/**
 * Whether an expression reads nothing but {@code container} (the element of a {@code forEach} over
 * containers), the rule's {@code variables.params} and constants. Such an expression is a pure
 * function of the container (the parameters are fixed per compiled rule), so the engine evaluates
 * it once per distinct container ({@link ContainerOutcomes}) instead of once per container of every
 * object of every environment: most containers are the same in every environment, and a check such
 * as {@code allowed-registries} gives the same answer for each.
 */
final class ContainerReads {

    /** Variables an expression may not read to be a function of the container alone. */
    private static final Set<String> OTHER_INPUTS = Set.of("object", "objects", "environment", "component", "application");

    private ContainerReads() {
    }

    /**
     * @return true when the checked expression reads only {@code container}, {@code variables.params}
     * and constants (no comprehension variable shadows a variable)
     */
    static boolean onlyContainer(CelAbstractSyntaxTree ast) {
        for (CelNavigableExpr node : CelNavigableExpr.fromExpr(ast.getExpr()).allNodes().toList()) {
            CelExpr expr = node.expr();
            if (ObjectFieldReads.shadowsVariable(expr)) {
                return false;
            }
            if (expr.exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
                continue;
            }
            String name = expr.ident().name();
            if (OTHER_INPUTS.contains(name)) {
                return false;
            }
            if (name.equals("variables")) {
                boolean params = node.parent().map(CelNavigableExpr::expr)
                        .filter(parent -> parent.exprKind().getKind() == CelExpr.ExprKind.Kind.SELECT
                                && parent.select().operand().id() == expr.id()
                                && !parent.select().testOnly()
                                && parent.select().field().equals("params"))
                        .isPresent();
                if (!params) {
                    return false;
                }
            }
        }
        return true;
    }
}
