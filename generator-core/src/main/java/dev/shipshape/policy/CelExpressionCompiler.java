package dev.shipshape.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelVariableResolver;

import java.util.Map;
import java.util.Set;

/**
 * Compiles the CEL of rules once, into programs the engine evaluates many times.
 *
 * <p>The environment mirrors what a Kubernetes ValidatingAdmissionPolicy expression sees
 * (https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/):
 * {@code object} and {@code variables}, the standard macros, the {@code strings} and
 * {@code optional} extensions. shipshape adds, for its own engine only: {@code objects} (every
 * object of the environment), {@code environment} (its name), {@code application} and
 * {@code component} (spec rules), {@code container} (checks with {@code forEach}), and the
 * {@link LabelSelectors} and {@link ObjectRelations} functions. All variables are dynamically typed.
 * Regular expressions ({@code matches}) match a substring, as the CEL specification and
 * Kubernetes do: anchor them with {@code ^} and {@code $}; each is compiled once ({@link RegexMatches}).
 */
public final class CelExpressionCompiler {

    /** Variables only shipshape's engine has: an expression using one cannot run in the API server. */
    private static final Set<String> ENGINE_ONLY_VARIABLES = Set.of("objects", "environment", "application", "component");

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    /** A compiler with shipshape's variables, functions and extensions. */
    public CelExpressionCompiler() {
        LabelSelectors selectors = new LabelSelectors();
        ObjectRelations relations = new ObjectRelations();
        CelOptions options = CelOptions.current().enableOptionalSyntax(true).enableRegexPartialMatch(true).build();
        this.compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.optional())
                .addVar("object", SimpleType.DYN)
                .addVar("objects", ListType.create(SimpleType.DYN))
                .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("environment", SimpleType.STRING)
                .addVar("application", SimpleType.DYN)
                .addVar("component", SimpleType.DYN)
                .addVar("container", SimpleType.DYN)
                .addFunctionDeclarations(selectors.declarations())
                .addFunctionDeclarations(relations.declarations())
                .build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .setStandardEnvironmentEnabled(false)
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES).build())
                .addFunctionBindings(new RegexMatches(options).bindings())
                .addLibraries(CelExtensions.strings(), CelExtensions.optional())
                .addFunctionBindings(selectors.bindings())
                .addFunctionBindings(relations.bindings())
                .build();
    }

    /**
     * Compiles one expression.
     *
     * @param expression the CEL text
     * @param resultKind {@link CelKind#BOOL} for checks, {@link CelKind#STRING} for messages,
     *                   {@link CelKind#DYN} for any value; an expression typed {@code dyn} is accepted
     *                   for every kind and checked when evaluated
     * @return the program
     * @throws IllegalArgumentException with CEL's error text (line, column, caret) when it does not compile
     */
    public CompiledExpression compile(String expression, CelKind resultKind) {
        CelValidationResult result = compiler.compile(expression);
        if (result.hasError()) {
            throw new IllegalArgumentException(result.getErrorString());
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            CelType type = ast.getResultType();
            if (resultKind != CelKind.DYN && type.kind() != resultKind && type.kind() != CelKind.DYN) {
                throw new IllegalArgumentException("expression returns " + type.name() + ", expected "
                        + resultKind.name().toLowerCase(java.util.Locale.ROOT) + ": " + expression);
            }
            return new CompiledExpression(expression, runtime.createProgram(ast), portable(ast), ObjectFieldReads.of(ast).orElse(null));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static boolean portable(CelAbstractSyntaxTree ast) {
        for (CelReference reference : ast.getReferenceMap().values()) {
            if (reference.overloadIds().stream().anyMatch(id -> id.startsWith(LabelSelectors.OVERLOAD_PREFIX))) {
                return false;
            }
            if (reference.overloadIds().isEmpty() && ENGINE_ONLY_VARIABLES.contains(reference.name())) {
                return false;
            }
        }
        return true;
    }

    /**
     * A compiled CEL expression.
     *
     * @param text     the CEL source
     * @param program  the program to evaluate
     * @param portable true when it uses only what a Kubernetes ValidatingAdmissionPolicy has
     *                 ({@code object}, {@code variables}, standard functions and extensions)
     * @param reads    the top-level object fields it reads, when they (with the rule's parameters and
     *                 the environment) are all it reads; {@code null} otherwise
     */
    public record CompiledExpression(String text, CelRuntime.Program program, boolean portable, ObjectFieldReads reads) {

        /**
         * Evaluates the expression.
         *
         * @param activation the variables, by name
         * @throws CelEvaluationException when evaluation fails (a missing field, a type mismatch)
         */
        public Object eval(Map<String, ?> activation) throws CelEvaluationException {
            return program.eval(activation);
        }

        /**
         * Evaluates the expression, reading variables through a resolver (no copy of an activation map).
         *
         * @param variables resolves a variable name to its value, empty when unbound
         * @throws CelEvaluationException when evaluation fails (a missing field, a type mismatch)
         */
        public Object eval(CelVariableResolver variables) throws CelEvaluationException {
            return program.eval(variables);
        }
    }
}
