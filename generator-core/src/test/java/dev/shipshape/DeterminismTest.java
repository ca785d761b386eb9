package dev.shipshape;

import dev.shipshape.spec.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output bytes do not depend on the machine: the same specs generated in child JVMs with different
 * time zones, locales (Turkish dotless i, German decimal comma, Arabic digits), default charsets,
 * spec orders and JDKs (this one and a second JDK of another feature version, see {@link #secondJdk()})
 * give byte-identical output trees. Without a second JDK the test fails: {@code .ci/run} checks for one.
 */
class DeterminismTest {

    /** Where Debian and the CI image install JDKs (the image ships Temurin's beside Debian's OpenJDK). */
    private static final Path JVM_DIRECTORY = Path.of("/usr/lib/jvm");

    /** One child run: its JDK, JVM options, environment and whether it reverses the spec order. */
    private record Run(String name, Path javaHome, List<String> jvmOptions, Map<String, String> environment, boolean reversed) {
    }

    @TempDir
    Path workspace;

    @Test
    void outputIsByteIdenticalAcrossTimeZonesLocalesSpecOrdersAndJdks() throws Exception {
        Path specs = Files.createDirectories(workspace.resolve("specs"));
        List<Path> files = List.of(
                Files.copy(RepositoryRoot.path().resolve("specs/acme.yaml"), specs.resolve("acme.yaml")),
                Files.writeString(specs.resolve("big.yaml"), SyntheticSpec.yaml("big", 40, "1.2.3")));

        Path current = ChildJvm.currentJavaHome();
        List<Run> runs = new ArrayList<>(List.of(
                new Run("UTC en-US", current, List.of("-Duser.language=en", "-Duser.country=US"), Map.of("TZ", "UTC"), false),
                new Run("Chatham tr-TR reversed", current, List.of("-Duser.language=tr", "-Duser.country=TR"),
                        Map.of("TZ", "Pacific/Chatham", "LANG", "tr_TR.UTF-8"), true),
                new Run("Kolkata de-DE ISO-8859-1", current,
                        List.of("-Duser.language=de", "-Duser.country=DE", "-Dfile.encoding=ISO-8859-1", "-Duser.timezone=Asia/Kolkata"),
                        Map.of("TZ", "Asia/Kolkata", "LC_ALL", "C"), false)));
        Path secondJdk = secondJdk();
        runs.add(new Run("JDK " + featureVersion(secondJdk) + ", St Johns ar-SA reversed", secondJdk,
                List.of("-Duser.language=ar", "-Duser.country=SA"), Map.of("TZ", "America/St_Johns"), true));

        // the runs are independent (an output directory and a log each): all started at once
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                List<Path> order = run.reversed() ? List.of(files.get(1), files.get(0)) : files;
                children.add(ChildJvm.generate(run.javaHome(), run.jvmOptions(), run.environment(), output(i), order, log(i)));
            }
            SortedMap<String, String> expected = null;
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                Process child = children.get(i);
                assertTrue(child.waitFor(180, TimeUnit.SECONDS), run.name() + " ended");
                assertEquals(0, child.exitValue(), run.name() + ": " + Files.readString(log(i)));
                SortedMap<String, String> tree = TreeSnapshot.of(output(i));
                assertFalse(tree.isEmpty(), run.name());
                if (expected == null) {
                    expected = tree;
                } else {
                    assertEquals(expected, tree, run.name() + " wrote different bytes than " + runs.get(0).name());
                }
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    private Path output(int run) {
        return workspace.resolve("output-" + run);
    }

    private Path log(int run) {
        return workspace.resolve("run-" + run + ".log");
    }

    /**
     * The second JDK: the {@code shipshape.secondJdk} system property (a Java home), else the newest
     * JDK under {@code /usr/lib/jvm} whose feature version differs from the running one.
     *
     * @throws AssertionError when there is none, or the property names the running feature version
     */
    static Path secondJdk() throws IOException {
        int current = Runtime.version().feature();
        String property = System.getProperty("shipshape.secondJdk", "");
        if (!property.isBlank()) {
            Path home = Path.of(property);
            assertNotEquals(current, featureVersion(home), "-Dshipshape.secondJdk=" + property + " is the running JDK's feature version");
            return home;
        }
        try (Stream<Path> homes = Files.isDirectory(JVM_DIRECTORY) ? Files.list(JVM_DIRECTORY) : Stream.empty()) {
            return homes.filter(home -> Files.isExecutable(home.resolve("bin/java")) && Files.isRegularFile(home.resolve("release")))
                    .filter(home -> featureVersion(home) != current)
                    .max(Comparator.comparingInt(DeterminismTest::featureVersion).thenComparing(Comparator.naturalOrder()))
                    .orElseThrow(() -> new AssertionError("no second JDK: install a JDK of another feature version than " + current
                            + " under " + JVM_DIRECTORY + " (.ci/run does) or name one with -Dshipshape.secondJdk=<java home>"));
        }
    }

    /** The feature version of a Java home, from {@code JAVA_VERSION} in its {@code release} file. */
    private static int featureVersion(Path javaHome) {
        try {
            return Files.readAllLines(javaHome.resolve("release")).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> Runtime.Version.parse(line.substring("JAVA_VERSION=".length()).replace("\"", "")).feature())
                    .findFirst().orElseThrow(() -> new AssertionError(javaHome + "/release names no JAVA_VERSION"));
        } catch (IOException e) {
            throw new AssertionError(javaHome + " is no Java home: " + e.getMessage(), e);
        }
    }
}
