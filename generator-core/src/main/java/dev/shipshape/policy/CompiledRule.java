package dev.shipshape.policy;

import dev.cel.common.types.CelKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule with its CEL compiled once, ready to evaluate against many objects.
 *
 * @param rule   the rule
 * @param checks its checks, compiled, in rule order
 */
public record CompiledRule(Rule rule, List<CompiledCheck> checks) {

    /**
     * One compiled check.
     *
     * @param check             the check as written
     * @param expression        its compiled {@code expression}
     * @param messageExpression its compiled {@code messageExpression}, or {@code null}
     * @param remediationExpression its compiled {@code remediationExpression}, or {@code null}
     * @param results           the remembered outcomes when the check reads only top-level object fields
     *                          ({@link ObjectFieldReads}), else {@code null}
     * @param containerOnly     true for a {@code forEach} check of an object rule whose expressions read
     *                          only the container and the parameters ({@link ContainerReads}): its outcome
     *                          is a function of the container's value
     */
    public record CompiledCheck(Check check,
                                CelExpressionCompiler.CompiledExpression expression,
                                CelExpressionCompiler.CompiledExpression messageExpression,
                                CelExpressionCompiler.CompiledExpression remediationExpression,
                                CheckResults results,
                                boolean containerOnly) {
    }

    /**
     * Compiles every check of a rule.
     *
     * @throws PolicyException naming the rule file and the check when CEL does not compile, or when
     *                         an {@code objects} rule uses what only the engine has (it would not run in the API server)
     */
    public static CompiledRule compile(Rule rule, CelExpressionCompiler compiler) {
        List<CompiledCheck> compiled = new ArrayList<>();
        for (int i = 0; i < rule.checks().size(); i++) {
            Check check = rule.checks().get(i);
            String where = rule.source() + ": rule '" + rule.id() + "', check " + (i + 1);
            CelExpressionCompiler.CompiledExpression expression = compile(compiler, check.expression(), CelKind.BOOL, where + " expression");
            CelExpressionCompiler.CompiledExpression message = check.messageExpression() == null ? null
                    : compile(compiler, check.messageExpression(), CelKind.STRING, where + " messageExpression");
            CelExpressionCompiler.CompiledExpression remediation = check.remediationExpression() == null ? null
                    : compile(compiler, check.remediationExpression(), CelKind.STRING, where + " remediationExpression");
            if (rule.target().scope() == Target.Scope.OBJECTS
                    && (!expression.portable() || (message != null && !message.portable()))) {
                throw new PolicyException(where + ": a rule with target 'objects' may use only object, variables and"
                        + " container, and no shipshape function, so that it also runs in the API server;"
                        + " use target 'set' to see other objects");
            }
            ObjectFieldReads reads = expression.reads();
            for (CelExpressionCompiler.CompiledExpression more : new CelExpressionCompiler.CompiledExpression[] {message, remediation}) {
                if (reads != null && more != null) {
                    reads = more.reads() == null ? null : reads.and(more.reads());
                }
            }
            boolean containerOnly = check.forEach() != null && rule.target().scope() != Target.Scope.SPEC
                    && expression.containerOnly() && (message == null || message.containerOnly())
                    && (remediation == null || remediation.containerOnly());
            compiled.add(new CompiledCheck(check, expression, message, remediation,
                    reads == null || check.forEach() != null ? null : new CheckResults(reads), containerOnly));
        }
        return new CompiledRule(rule, compiled);
    }

    private static CelExpressionCompiler.CompiledExpression compile(CelExpressionCompiler compiler, String cel,
                                                                    CelKind kind, String where) {
        try {
            return compiler.compile(cel, kind);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(where + " does not compile: " + e.getMessage()
                    + " (fix the CEL; the language is described at https://github.com/google/cel-spec)", e);
        }
    }
}
