package dev.shipshape;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecProblem;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fuzzes the whole in-memory pipeline (spec loader, schema, binding, cross-reference checks, model
 * builder, renderers) through {@link Shipshape#compile}. The only outcomes allowed are a compilation
 * whose every output path stays inside the output directory, or a {@link SpecException} whose every
 * problem names the spec file and says what is wrong and how to fix it. Any other exception — an
 * {@code IllegalArgumentException} from the model builder included, which means the loader let
 * through a spec it should have rejected — is a finding.
 *
 * <p>In a normal build ({@code mvn verify}) Jazzer only replays the stored inputs under
 * {@code src/test/resources/dev/shipshape/SpecFuzzTestInputs/<method>/}. To fuzz, see
 * {@code docs/security.md}: {@code JAZZER_FUZZ=1 JAZZER_MAX_DURATION=10m mvn -pl generator-core test
 * -Dtest=SpecFuzzTest#arbitraryBytes}.
 */
class SpecFuzzTest {

    private static final Shipshape SHIPSHAPE = new Shipshape();
    private static final SpecMutator MUTATOR = SpecMutator.fromSeeds();

    @TempDir
    static Path directory;

    /** Any bytes as a spec file: YAML syntax, encodings, limits, then everything after them. */
    @FuzzTest(maxDuration = "30s")
    void arbitraryBytes(byte[] content) throws IOException {
        compileOrExplain(content);
    }

    /**
     * A seed spec from {@code specs/} with a few structural edits (values replaced by other types
     * or by tricky strings, keys removed, renamed, added or copied between places), so the fuzzer
     * spends its time past the YAML and schema checks, in binding, references and the model.
     */
    @FuzzTest(maxDuration = "30s")
    void mutatedSeedSpec(FuzzedDataProvider data) throws IOException {
        compileOrExplain(MUTATOR.mutate(data));
    }

    private static void compileOrExplain(byte[] content) throws IOException {
        Path file = directory.resolve("fuzzed.yaml");
        Files.write(file, content);
        try {
            Compilation compilation = SHIPSHAPE.compile(List.of(file));
            Path output = directory.resolve("output");
            for (String path : compilation.output().files().keySet()) {
                // .shipshape/ is shipshape's own (index, spec schema); no spec value may name a path there
                assertTrue(output.resolve(path).normalize().startsWith(output)
                                && (!path.startsWith(".shipshape") || path.equals(SpecSchemaRenderer.PATH)),
                        () -> "a spec value made the output path " + path);
            }
        } catch (SpecException e) {
            for (SpecProblem problem : e.problems()) {
                assertEquals(file, problem.location().file(), problem::toString);
                assertFalse(problem.message().isBlank(), problem::toString);
                assertFalse(problem.fix().isBlank(), problem::toString);
            }
        }
    }
}
