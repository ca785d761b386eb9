package dev.shipshape;

import dev.shipshape.output.OutputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generate path against a real file system and real processes: a run killed with SIGKILL at
 * several points while it writes a 300-component application, two runs at once on one output
 * directory, and symbolic links that lead out of the output directory.
 */
class OutputSafetyTest {

    private static final int COMPONENTS = 300;
    /** When to kill: once a path (relative to the output's parent) appears, plus a pause in milliseconds. */
    private record KillPoint(String trigger, int delayMillis) {
    }

    /** Early and mid staging, staging complete (its index written), and swap begun (the previous tree moved aside). */
    private static final List<KillPoint> KILL_POINTS = List.of(
            new KillPoint(".output.shipshape-new", 0),
            new KillPoint(".output.shipshape-new", 40),
            new KillPoint(".output.shipshape-new/.shipshape/index.json", 0),
            new KillPoint(".output.shipshape-old", 0));

    @TempDir
    static Path specs;

    private static Path v1;
    private static Path v2;
    private static SortedMap<String, String> treeV1;
    private static SortedMap<String, String> treeV2;

    private final Shipshape shipshape = new Shipshape();

    @TempDir
    Path workspace;

    @BeforeAll
    static void twoVersionsOfALargeApplication(@TempDir Path reference) throws Exception {
        v1 = Files.writeString(specs.resolve("big-v1.yaml"), SyntheticSpec.yaml("big", COMPONENTS, "1.0.0"));
        v2 = Files.writeString(specs.resolve("big-v2.yaml"), SyntheticSpec.yaml("big", COMPONENTS, "2.0.0"));
        Shipshape shipshape = new Shipshape();
        shipshape.generate(List.of(v1), reference.resolve("v1"));
        shipshape.generate(List.of(v2), reference.resolve("v2"));
        treeV1 = TreeSnapshot.of(reference.resolve("v1"));
        treeV2 = TreeSnapshot.of(reference.resolve("v2"));
        assertTrue(treeV1.size() > COMPONENTS, "a large tree: " + treeV1.size() + " entries");
        assertFalse(treeV1.equals(treeV2));
    }

    @Test
    void aRunKilledAtAnyPointLeavesThePreviousTreeOrTheNewOneAndTheNextRunRecovers() throws Exception {
        Path output = workspace.resolve("output");
        Path staging = workspace.resolve(".output.shipshape-new");
        Path previous = workspace.resolve(".output.shipshape-old");
        shipshape.generate(List.of(v1), output);
        for (int i = 0; i < KILL_POINTS.size(); i++) {
            // each round goes from one version to the other, so the recovering run sets up the next round
            SortedMap<String, String> old = i % 2 == 0 ? treeV1 : treeV2;
            SortedMap<String, String> next = i % 2 == 0 ? treeV2 : treeV1;
            Path nextSpec = i % 2 == 0 ? v2 : v1;
            assertEquals(old, TreeSnapshot.of(output));

            Process child = ChildJvm.generate(ChildJvm.currentJavaHome(), List.of(), Map.of(), output, List.of(nextSpec),
                    workspace.resolve("child.log"));
            KillPoint point = KILL_POINTS.get(i);
            boolean reached = awaitPath(child, workspace.resolve(point.trigger()));
            TimeUnit.MILLISECONDS.sleep(point.delayMillis());
            child.destroyForcibly().waitFor();

            SortedMap<String, String> after = TreeSnapshot.of(output);
            String state = "killed " + point.delayMillis() + " ms after " + point.trigger()
                    + (reached ? " appeared" : " (the run ended first)");
            System.out.println("OutputSafetyTest: " + state + ": output holds the "
                    + (after.equals(old) ? "previous tree" : after.equals(next) ? "new tree" : after.isEmpty() ? "swap in progress" : "MIX"));
            if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
                assertTrue(after.equals(old) || after.equals(next), state + ": the output is a mix of two runs");
            } else {
                // killed between the two renames of the swap: both complete trees are kept for the next run
                assertEquals(old, TreeSnapshot.of(previous), state);
                assertEquals(next, TreeSnapshot.of(staging), state);
            }

            shipshape.generate(List.of(nextSpec), output);
            assertEquals(next, TreeSnapshot.of(output), state + ": the next run did not recover");
            assertFalse(Files.exists(staging, LinkOption.NOFOLLOW_LINKS), state);
            assertFalse(Files.exists(previous, LinkOption.NOFOLLOW_LINKS), state);
        }
    }

    @Test
    void twoRunsAtOnceNeverInterleave() throws Exception {
        Path output = workspace.resolve("output");
        shipshape.generate(List.of(v1), output);
        Process first = ChildJvm.generate(ChildJvm.currentJavaHome(), List.of(), Map.of(), output, List.of(v2), workspace.resolve("first.log"));
        Process second = ChildJvm.generate(ChildJvm.currentJavaHome(), List.of(), Map.of(), output, List.of(v2), workspace.resolve("second.log"));
        assertTrue(first.waitFor(120, TimeUnit.SECONDS) && second.waitFor(120, TimeUnit.SECONDS), "the runs ended");

        for (String log : List.of("first.log", "second.log")) {
            String text = Files.readString(workspace.resolve(log));
            int exit = log.startsWith("first") ? first.exitValue() : second.exitValue();
            assertTrue(exit == 0 || exit == 2 && text.contains("another shipshape run is writing"), log + " (exit " + exit + "): " + text);
        }
        assertEquals(treeV2, TreeSnapshot.of(output));
        assertFalse(Files.exists(workspace.resolve(".output.shipshape.lock")), "the lock is released");
    }

    @Test
    void aRunWhileAnotherProcessHoldsTheLockIsRefusedWithAClearMessage() throws Exception {
        Path output = workspace.resolve("output");
        shipshape.generate(List.of(v1), output);
        Path lockFile = workspace.resolve(".output.shipshape.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " test\n").getBytes(StandardCharsets.UTF_8)));
            Process child = ChildJvm.generate(ChildJvm.currentJavaHome(), List.of(), Map.of(), output, List.of(v2), workspace.resolve("child.log"));
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            String log = Files.readString(workspace.resolve("child.log"));
            assertEquals(2, child.exitValue(), log);
            assertTrue(log.contains("another shipshape run is writing") && log.contains("wait for it to finish"), log);
            assertTrue(held.isValid());
        }
        assertEquals(treeV1, TreeSnapshot.of(output), "the refused run wrote nothing");
    }

    @Test
    void aSymlinkOutOfTheOutputDirectoryIsNeverFollowed() throws Exception {
        Path output = workspace.resolve("output");
        Path outside = Files.createDirectories(workspace.resolve("outside"));
        Files.writeString(outside.resolve("precious.txt"), "not shipshape's\n");
        shipshape.generate(List.of(v1), output);
        // a generated directory replaced by a link out of the tree, and a user's link to a file outside
        String generatedDirectory = treeV1.entrySet().stream().filter(e -> e.getValue().equals("dir"))
                .map(Map.Entry::getKey).filter(p -> !p.contains("/") && !p.startsWith(".")).findFirst().orElseThrow();
        deleteTree(output.resolve(generatedDirectory));
        Files.createSymbolicLink(output.resolve(generatedDirectory), outside);
        Files.createSymbolicLink(output.resolve("link-to-precious.txt"), outside.resolve("precious.txt"));
        SortedMap<String, String> outsideBefore = TreeSnapshot.of(outside);

        try {
            shipshape.generate(List.of(v2), output);
            assertFalse(Files.isSymbolicLink(output.resolve(generatedDirectory)), "the generated directory was not written through the link");
        } catch (OutputException refused) {
            assertTrue(refused.getMessage().contains(generatedDirectory), refused.getMessage());
        }
        assertEquals(outsideBefore, TreeSnapshot.of(outside), "nothing outside the output directory changed");
        assertTrue(Files.isSymbolicLink(output.resolve("link-to-precious.txt")), "the user's link is kept as a link");
    }

    @Test
    void theOutputDirectoryMustNotHoldTheSpecs() throws Exception {
        Path project = Files.createDirectories(workspace.resolve("project"));
        Path spec = Files.copy(v1, project.resolve("big.yaml"));
        OutputException refused = assertThrows(OutputException.class, () -> shipshape.generate(List.of(spec), project));
        assertTrue(refused.getMessage().contains("refusing"), refused.getMessage());
        assertEquals(List.of("big.yaml"), Files.list(project).map(p -> p.getFileName().toString()).toList());
    }

    /** Waits until {@code path} exists or the process ends; true if it appeared while the process ran. */
    private static boolean awaitPath(Process process, Path path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(path + " did not appear and the child run did not end in 120 s");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
