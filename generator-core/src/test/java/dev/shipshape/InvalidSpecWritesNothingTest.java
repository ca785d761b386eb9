package dev.shipshape;

import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Shipshape#generate} with any spec of the invalid-spec corpus leaves an output directory
 * that already holds a generated tree and a user's file exactly as it was, byte for byte — and
 * creates nothing beside it (no lock, no staging directory).
 */
class InvalidSpecWritesNothingTest {

    private static final Shipshape SHIPSHAPE = new Shipshape();

    @TempDir
    static Path workspace;

    private static Path output;
    private static SortedMap<String, String> before;

    @BeforeAll
    static void generateAPreviousTree() throws Exception {
        output = workspace.resolve("output");
        SHIPSHAPE.generate(List.of(RepositoryRoot.path().resolve("specs/acme.yaml")), output);
        Files.writeString(output.resolve("README.md"), "kept by the user\n");
        before = TreeSnapshot.of(workspace);
    }

    static Stream<Path> invalidSpecs() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(InvalidSpecWritesNothingTest.class.getResource("/invalid-specs")).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void leavesThePreviousOutputUntouched(Path spec) {
        assertThrows(SpecException.class, () -> SHIPSHAPE.generate(List.of(spec), output));
        assertEquals(before, TreeSnapshot.of(workspace));
    }
}
