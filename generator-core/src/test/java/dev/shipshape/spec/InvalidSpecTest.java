package dev.shipshape.spec;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in {@code invalid-specs/} is a spec with known mistakes. Its leading comment lines
 * {@code # expect: LINE:COLUMN <fragment>} list the problems the loader must report: one problem
 * per line at that position whose message or fix contains the fragment, and no other problem.
 * Every problem is written for people: no Java class names or stack frames.
 * Adding a case is adding a file.
 */
class InvalidSpecTest {

    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+) (.+)");
    private static final SpecLoader LOADER = new SpecLoader();

    /** One expected problem. */
    private record Expected(int line, int column, String fragment) {
    }

    static Stream<Path> invalidSpecs() throws IOException, URISyntaxException {
        Path folder = Path.of(Objects.requireNonNull(InvalidSpecTest.class.getResource("/invalid-specs")).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> specs = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
            assertTrue(specs.size() >= 65, "at least 65 invalid specs, found " + specs.size());
            return specs.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSpecs")
    void reportsTheExpectedProblems(Path file) throws IOException {
        List<Expected> expected = expectations(file);
        SpecException thrown = assertThrows(SpecException.class, () -> LOADER.load(file));
        String report = thrown.problems().stream().map(SpecProblem::toString).collect(Collectors.joining("\n  "));
        assertEquals(expected.size(), thrown.problems().size(), "problems reported for " + file.getFileName() + ":\n  " + report);
        for (Expected e : expected) {
            assertTrue(thrown.problems().stream().anyMatch(p -> p.location().line() == e.line() && p.location().column() == e.column()
                            && (p.message().contains(e.fragment()) || p.fix().contains(e.fragment()))),
                    "expected " + e.line() + ":" + e.column() + " '" + e.fragment() + "' in:\n  " + report);
        }
        thrown.problems().forEach(p -> assertTrue(p.location().file().equals(file), p::toString));
        thrown.problems().forEach(p -> assertFalse(p.toString().matches("(?s).*(\\bjava\\.[a-z]|\\bat [\\w$.]+\\(|Exception).*"),
                () -> "a problem for people, not a stack trace: " + p));
    }

    /** Files too big to commit, generated: each is rejected by a limit, without a stack trace. */
    static Stream<Arguments> generatedHugeSpecs() {
        String spec = "apiVersion: shipshape.dev/v1alpha1\nkind: Application\nmetadata:\n  name: shop\n  version: 1.0.0\n";
        return Stream.of(
                Arguments.of("40 MiB of comments after a spec", spec + "# padding\n".repeat(4 * 1024 * 1024),
                        0, 0, "larger than 4194304 bytes"),
                Arguments.of("a 40 MiB single-line description", spec + "  description: " + "x".repeat(40 * 1024 * 1024) + "\n",
                        0, 0, "larger than 4194304 bytes"),
                Arguments.of("4 MB of one-character list entries", spec + "spec:\n  list:\n" + "  - a\n".repeat(600_000),
                        100_000, 5, "more than 100000 values"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generatedHugeSpecs")
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hang, not a speed target
    void rejectsGeneratedHugeSpecsByTheirLimit(String name, String content, int line, int column, String fragment,
                                              @TempDir Path directory) throws IOException {
        Path file = directory.resolve("huge.yaml");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        SpecException thrown = assertThrows(SpecException.class, () -> LOADER.load(file));
        assertEquals(1, thrown.problems().size(), thrown::getMessage);
        SpecProblem problem = thrown.problems().get(0);
        assertEquals(new Location(file, line, column), problem.location(), problem::toString);
        assertTrue(problem.message().contains(fragment), problem::toString);
    }

    private static List<Expected> expectations(Path file) throws IOException {
        // ISO-8859-1 reads any byte (the rest of the file may be deliberately broken); the expectations are UTF-8
        List<Expected> expected = Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
                .takeWhile(line -> line.startsWith("# expect: "))
                .map(line -> new String(line.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8))
                .map(line -> {
                    Matcher m = EXPECT.matcher(line);
                    assertTrue(m.matches(), "malformed expectation: " + line);
                    return new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3).strip());
                })
                .toList();
        assertTrue(!expected.isEmpty(), file + " starts with no '# expect: LINE:COLUMN fragment' line");
        return expected;
    }
}
