package dev.shipshape.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.types.CelKind;
import dev.cel.runtime.CelEvaluationException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checked ASTs the build ships for the default rules ({@link CheckedExpressions}) are what
 * the compiler makes of the rule files now, for every expression of every rule.
 */
class CheckedExpressionsTest {

    private final CelExpressionCompiler compiler = new CelExpressionCompiler(CheckedExpressions.NONE);
    private final CheckedExpressions shipped = CheckedExpressions.shipped(compiler.fingerprint());

    @Test
    void everyExpressionOfTheDefaultRulesIsShippedAsTheCompilerChecksItNow() {
        var texts = CheckedExpressions.ofDefaultRules();
        assertTrue(texts.size() > 100, "the default rules and standard variables have over 100 expressions: " + texts.size());
        assertEquals(texts.size(), shipped.size(), "the build ships exactly the default rules' expressions;"
                + " rebuild generator-core (mvn process-classes) after changing a rule");
        for (String text : texts) {
            CelAbstractSyntaxTree fresh = compiler.check(text);
            CelAbstractSyntaxTree restored = shipped.find(text)
                    .orElseThrow(() -> new AssertionError("not shipped; rebuild generator-core: " + text));
            assertEquals(CelProtoAbstractSyntaxTree.fromCelAst(fresh).toCheckedExpr(),
                    CelProtoAbstractSyntaxTree.fromCelAst(restored).toCheckedExpr(), text);
            assertEquals(fresh.getSource().getContent().toString(), restored.getSource().getContent().toString(), text);
            assertEquals(fresh.getSource().getLineOffsets(), restored.getSource().getLineOffsets(), text);
            assertEquals(fresh.getResultType(), restored.getResultType(), text);
        }
    }

    @Test
    void aShippedExpressionFailsWithTheMessageOfAFreshlyCompiledOne() throws IOException {
        String text = "object.spec.replicas > 1 &&\n  object.metadata.name.startsWith('a')";
        SortedMap<String, CelAbstractSyntaxTree> asts = new TreeMap<>(Map.of(text, compiler.check(text)));
        CheckedExpressions checked = CheckedExpressions.read(
                new ByteArrayInputStream(CheckedExpressions.write(asts, compiler.fingerprint())), compiler.fingerprint());
        CelExpressionCompiler fromShipped = new CelExpressionCompiler(checked);
        Map<String, Object> object = Map.of("spec", Map.of("replicas", 3L), "metadata", Map.of());
        String fresh = assertThrows(CelEvaluationException.class,
                () -> compiler.compile(text, CelKind.BOOL).eval(Map.of("object", object))).getMessage();
        String restored = assertThrows(CelEvaluationException.class,
                () -> fromShipped.compile(text, CelKind.BOOL).eval(Map.of("object", object))).getMessage();
        assertEquals(fresh, restored);
    }

    @Test
    void checkedExpressionsOfAnotherEnvironmentAreIgnored() throws IOException {
        String text = "object.kind == 'Pod'";
        SortedMap<String, CelAbstractSyntaxTree> asts = new TreeMap<>(Map.of(text, compiler.check(text)));
        byte[] file = CheckedExpressions.write(asts, "another environment");
        assertEquals(0, CheckedExpressions.read(new ByteArrayInputStream(file), compiler.fingerprint()).size());
        assertEquals(1, CheckedExpressions.read(new ByteArrayInputStream(file), "another environment").size());
    }

    @Test
    void anExpressionTheBuildDidNotCheckIsCompiled() throws CelEvaluationException {
        CelExpressionCompiler.CompiledExpression expression = new CelExpressionCompiler()
                .compile("object.kind == 'Pod' && environment == 'dev'", CelKind.BOOL);
        assertEquals(true, expression.eval(Map.of("object", Map.of("kind", "Pod"), "environment", "dev")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new CelExpressionCompiler().compile("object.kind ==", CelKind.BOOL));
        assertTrue(error.getMessage().startsWith("ERROR: <input>:1:15: mismatched input"), error.getMessage());
    }
}
