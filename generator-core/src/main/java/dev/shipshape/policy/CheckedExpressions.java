package dev.shipshape.policy;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.CelSource;
import dev.cel.expr.CheckedExpr;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The default rules' CEL, parsed and type-checked when generator-core is built, so that an engine
 * made of the default rules parses and checks nothing when it starts (issue 15: that was 1.1 s of
 * every compiling {@code mvn shipshape:generate}). The build runs {@link #main} after compiling
 * (Maven's {@code process-classes} phase), which writes {@value #RESOURCE} into the classes
 * directory, and so into the jar: for each expression of the default rules and of
 * {@link StandardVariables}, its text and its checked AST as a CEL {@code CheckedExpr} protobuf.
 *
 * <p>An expression is looked up by its exact text; one that is not there (a user's rule, a rule
 * changed since the build) is compiled as before. The file also records the fingerprint of the
 * compiling environment ({@link CelExpressionCompiler#fingerprint()}: variables, functions,
 * options): a file written for another environment (a stale build directory after a change of a
 * function's declaration) is ignored as a whole, so a shipped AST never names an overload the
 * runtime does not have.
 */
public final class CheckedExpressions {

    /** Where the checked expressions are on the class path. */
    public static final String RESOURCE = "/dev/shipshape/policy/checked-expressions.bin";

    /** None: every expression is compiled. */
    public static final CheckedExpressions NONE = new CheckedExpressions(Map.of());

    private static final String FORMAT = "shipshape-checked-cel/1";

    private final Map<String, byte[]> checkedByText;

    private CheckedExpressions(Map<String, byte[]> checkedByText) {
        this.checkedByText = checkedByText;
    }

    /**
     * The checked expressions shipped on the class path for an environment.
     *
     * @param fingerprint the compiling environment's {@link CelExpressionCompiler#fingerprint()}
     * @return them, or {@link #NONE} when the class path has none or has them for another environment
     * @throws UncheckedIOException when the resource exists but cannot be read
     */
    public static CheckedExpressions shipped(String fingerprint) {
        try (InputStream in = CheckedExpressions.class.getResourceAsStream(RESOURCE)) {
            return in == null ? NONE : read(in, fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + "; rebuild generator-core", e);
        }
    }

    /** Reads the format {@link #write} writes; {@link #NONE} for another format or environment. */
    static CheckedExpressions read(InputStream stream, String fingerprint) throws IOException {
        DataInputStream in = new DataInputStream(stream);
        if (!FORMAT.equals(in.readUTF()) || !fingerprint.equals(in.readUTF())) {
            return NONE;
        }
        int count = in.readInt();
        Map<String, byte[]> checked = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            String text = new String(bytes(in), StandardCharsets.UTF_8);
            checked.put(text, bytes(in));
        }
        return new CheckedExpressions(checked);
    }

    /**
     * The checked AST of an expression, as the compiler produced it at build time (its source text
     * included, so evaluation errors read the same).
     *
     * @param text the CEL text, exactly as the rule writes it
     * @return the AST, or empty when this expression was not checked at build time
     * @throws IllegalStateException when the shipped bytes do not decode (a corrupt jar)
     */
    public Optional<CelAbstractSyntaxTree> find(String text) {
        byte[] checked = checkedByText.get(text);
        if (checked == null) {
            return Optional.empty();
        }
        try {
            CelAbstractSyntaxTree decoded = CelProtoAbstractSyntaxTree.fromCheckedExpr(CheckedExpr.parseFrom(checked)).getAst();
            CelSource source = decoded.getSource();
            CelSource withText = CelSource.newBuilder(text)
                    .setDescription(source.getDescription())
                    .addPositionsMap(source.getPositionsMap())
                    .addAllMacroCalls(source.getMacroCalls())
                    .addAllExtensions(source.getExtensions())
                    .build();
            return Optional.of(CelAbstractSyntaxTree.newCheckedAst(decoded.getExpr(), withText,
                    decoded.getReferenceMap(), decoded.getTypeMap()));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(RESOURCE + " is corrupt (" + e.getMessage() + "); rebuild generator-core", e);
        }
    }

    /** How many expressions are here. */
    public int size() {
        return checkedByText.size();
    }

    /**
     * Writes checked expressions, sorted by text (the same rules give the same bytes).
     *
     * @param asts        checked ASTs by their text
     * @param fingerprint the environment that checked them
     */
    static byte[] write(SortedMap<String, CelAbstractSyntaxTree> asts, String fingerprint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(FORMAT);
            out.writeUTF(fingerprint);
            out.writeInt(asts.size());
            for (Map.Entry<String, CelAbstractSyntaxTree> entry : asts.entrySet()) {
                bytes(out, entry.getKey().getBytes(StandardCharsets.UTF_8));
                bytes(out, CelProtoAbstractSyntaxTree.fromCelAst(entry.getValue()).toCheckedExpr().toByteArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Every CEL text of the default rules (expressions, message and remediation expressions) and
     * of {@link StandardVariables}, sorted.
     */
    static SortedSet<String> ofDefaultRules() {
        SortedSet<String> texts = new TreeSet<>(StandardVariables.DEFINITIONS.values());
        for (Rule rule : new RuleLoader().loadDefaults()) {
            for (Check check : rule.checks()) {
                texts.add(check.expression());
                if (check.messageExpression() != null) {
                    texts.add(check.messageExpression());
                }
                if (check.remediationExpression() != null) {
                    texts.add(check.remediationExpression());
                }
            }
        }
        return texts;
    }

    /**
     * The build step: parses and checks every expression of the default rules on the class path and
     * writes them to {@code <classes directory>}{@value #RESOURCE}.
     *
     * @param args the classes directory ({@code target/classes})
     * @throws PolicyException when a default rule does not compile (the build fails, naming it)
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: CheckedExpressions <classes directory>");
        }
        CelExpressionCompiler compiler = new CelExpressionCompiler(NONE);
        SortedMap<String, CelAbstractSyntaxTree> asts = new TreeMap<>();
        for (String text : ofDefaultRules()) {
            try {
                asts.put(text, compiler.check(text));
            } catch (IllegalArgumentException e) {
                throw new PolicyException("a default rule's CEL does not compile: " + e.getMessage() + "\n" + text, e);
            }
        }
        Path file = Path.of(args[0], RESOURCE.substring(1));
        Files.createDirectories(file.getParent());
        Files.write(file, write(asts, compiler.fingerprint()));
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }
}
