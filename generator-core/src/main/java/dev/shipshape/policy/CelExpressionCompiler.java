package dev.shipshape.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
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
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelStandardFunctions;
import dev.cel.runtime.CelVariableResolver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>The default rules' expressions are parsed and checked when shipshape is built
 * ({@link CheckedExpressions}); this compiler only turns their checked ASTs into programs, and
 * builds CEL's parser and checker only for an expression the build did not check.
 */
public final class CelExpressionCompiler {

    /** Variables only shipshape's engine has: an expression using one cannot run in the API server. */
    private static final Set<String> ENGINE_ONLY_VARIABLES = Set.of("objects", "environment", "application", "component");

    private static final CelOptions OPTIONS = CelOptions.current().enableOptionalSyntax(true).enableRegexPartialMatch(true).build();

    /** The variables, in declaration order, and their types. */
    private static final Map<String, CelType> VARIABLES = variables();

    private final List<CelFunctionDecl> functions;
    private final CelRuntime runtime;
    private final CheckedExpressions checked;
    private CelCompiler compiler;

    /**
     * A compiler with shipshape's variables, functions and extensions, using the checked ASTs the
     * build shipped for the default rules ({@link CheckedExpressions}) and compiling what is not among them.
     */
    public CelExpressionCompiler() {
        this.functions = functions();
        this.checked = CheckedExpressions.shipped(fingerprint());
        this.runtime = runtime();
    }

    /**
     * A compiler using these checked expressions ({@link CheckedExpressions#NONE}: compiling every expression).
     */
    CelExpressionCompiler(CheckedExpressions checked) {
        this.functions = functions();
        this.checked = checked;
        this.runtime = runtime();
    }

    private static List<CelFunctionDecl> functions() {
        List<CelFunctionDecl> functions = new ArrayList<>(new LabelSelectors().declarations());
        functions.addAll(new ObjectRelations().declarations());
        return List.copyOf(functions);
    }

    private static CelRuntime runtime() {
        return CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(OPTIONS)
                .setStandardEnvironmentEnabled(false)
                .setStandardFunctions(CelStandardFunctions.newBuilder()
                        .excludeFunctions(CelStandardFunctions.StandardFunction.MATCHES).build())
                .addFunctionBindings(new RegexMatches(OPTIONS).bindings())
                .addLibraries(CelExtensions.strings(), CelExtensions.optional())
                .addFunctionBindings(new LabelSelectors().bindings())
                .addFunctionBindings(new ObjectRelations().bindings())
                .build();
    }

    private static Map<String, CelType> variables() {
        Map<String, CelType> variables = new LinkedHashMap<>();
        variables.put("object", SimpleType.DYN);
        variables.put("objects", ListType.create(SimpleType.DYN));
        variables.put("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
        variables.put("environment", SimpleType.STRING);
        variables.put("application", SimpleType.DYN);
        variables.put("component", SimpleType.DYN);
        variables.put("container", SimpleType.DYN);
        return java.util.Collections.unmodifiableMap(variables);
    }

    /**
     * The parser and checker, built when the first expression needs them: an engine of the default
     * rules alone never does (their ASTs are shipped), and building them is a large part of a cold start.
     */
    private synchronized CelCompiler compiler() {
        if (compiler == null) {
            CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                    .setOptions(OPTIONS)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                    .addLibraries(CelExtensions.strings(), CelExtensions.optional())
                    .addFunctionDeclarations(functions);
            VARIABLES.forEach(builder::addVar);
            compiler = builder.build();
        }
        return compiler;
    }

    /**
     * What the checked ASTs depend on besides the CEL text: the variables and their types, the
     * function declarations and the options, as one hash. An AST checked in another environment
     * may name overloads this one does not have.
     */
    String fingerprint() {
        StringBuilder environment = new StringBuilder(OPTIONS.toString());
        VARIABLES.forEach((name, type) -> environment.append('\n').append(name).append(": ").append(type));
        functions.forEach(function -> environment.append('\n').append(function));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(environment.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Compiles one expression: its checked AST from the build when it has one, else parsed and checked now.
     *
     * @param expression the CEL text
     * @param resultKind {@link CelKind#BOOL} for checks, {@link CelKind#STRING} for messages,
     *                   {@link CelKind#DYN} for any value; an expression typed {@code dyn} is accepted
     *                   for every kind and checked when evaluated
     * @return the program
     * @throws IllegalArgumentException with CEL's error text (line, column, caret) when it does not compile
     */
    public CompiledExpression compile(String expression, CelKind resultKind) {
        CelAbstractSyntaxTree ast = checked.find(expression).orElseGet(() -> check(expression));
        CelType type = ast.getResultType();
        if (resultKind != CelKind.DYN && type.kind() != resultKind && type.kind() != CelKind.DYN) {
            throw new IllegalArgumentException("expression returns " + type.name() + ", expected "
                    + resultKind.name().toLowerCase(java.util.Locale.ROOT) + ": " + expression);
        }
        try {
            return new CompiledExpression(expression, runtime.createProgram(ast), portable(ast), ObjectFieldReads.of(ast).orElse(null),
                    ContainerReads.onlyContainer(ast));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Parses and type-checks an expression, never using a shipped AST.
     *
     * @throws IllegalArgumentException with CEL's error text (line, column, caret) when it does not compile
     */
    CelAbstractSyntaxTree check(String expression) {
        CelValidationResult result = compiler().compile(expression);
        if (result.hasError()) {
            throw new IllegalArgumentException(result.getErrorString());
        }
        try {
            return result.getAst();
        } catch (CelValidationException e) {
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
     * @param containerOnly true when it reads only {@code container}, the rule's parameters and
     *                 constants ({@link ContainerReads})
     */
    public record CompiledExpression(String text, CelRuntime.Program program, boolean portable, ObjectFieldReads reads,
                                     boolean containerOnly) {

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
