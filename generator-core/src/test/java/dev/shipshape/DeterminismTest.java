package dev.shipshape;

import dev.shipshape.spec.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Output bytes do not depend on the machine: the same specs generated in child JVMs with different
 * time zones, locales (Turkish dotless i, German decimal comma, Arabic digits), default charsets,
 * spec orders and JDKs (this one and, when installed, the second JDK of the machine) give
 * byte-identical output trees.
 */
class DeterminismTest {

    /** The second JDK of the build machine (see the CI image); the test says so when it is absent. */
    private static final Path SECOND_JDK = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

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
        if (Files.isExecutable(SECOND_JDK.resolve("bin/java"))) {
            runs.add(new Run("JDK 25, St Johns ar-SA reversed", SECOND_JDK, List.of("-Duser.language=ar", "-Duser.country=SA"),
                    Map.of("TZ", "America/St_Johns"), true));
        } else {
            System.out.println("DeterminismTest: SKIPPED the second JDK: " + SECOND_JDK + " is not installed");
        }

        SortedMap<String, String> expected = null;
        for (Run run : runs) {
            Path output = workspace.resolve("output-" + runs.indexOf(run));
            List<Path> order = run.reversed() ? List.of(files.get(1), files.get(0)) : files;
            Path log = workspace.resolve("run-" + runs.indexOf(run) + ".log");
            Process child = ChildJvm.generate(run.javaHome(), run.jvmOptions(), run.environment(), output, order, log);
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), run.name() + " ended");
            assertEquals(0, child.exitValue(), run.name() + ": " + Files.readString(log));
            SortedMap<String, String> tree = TreeSnapshot.of(output);
            assertFalse(tree.isEmpty(), run.name());
            if (expected == null) {
                expected = tree;
            } else {
                assertEquals(expected, tree, run.name() + " wrote different bytes than " + runs.get(0).name());
            }
        }
    }
}
