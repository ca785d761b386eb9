package dev.shipshape.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in {@code invalid-specs/} is a spec with known mistakes. Its leading comment lines
 * {@code # expect: LINE:COLUMN <fragment>} list the problems the loader must report: one problem
 * per line at that position whose message or fix contains the fragment, and no other problem.
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
            assertTrue(specs.size() >= 30, "at least 30 invalid specs, found " + specs.size());
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
    }

    private static List<Expected> expectations(Path file) throws IOException {
        List<Expected> expected = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .takeWhile(line -> line.startsWith("# expect: "))
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
