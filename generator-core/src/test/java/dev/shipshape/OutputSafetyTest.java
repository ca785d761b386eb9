package dev.shipshape;

import dev.shipshape.output.Drift;
import dev.shipshape.output.Faults;
import dev.shipshape.output.OutputException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generate path against a real file system and real processes: a run of a 120-component
 * application halted (as by SIGKILL) at every kind of write step, found by the writer's
 * fault-injection seam ({@link Faults}), two runs at once on one output directory, symbolic links
 * that lead out of the output directory, a home directory named only by {@code $HOME}, and an
 * output directory that is a mount point.
 */
class OutputSafetyTest {

    private static final int COMPONENTS = 120;
    /** A file of the user's in the output directory, which every run and every kill must leave alone. */
    private static final String USER_FILE = "NOTES.txt";
    private static final String JOURNAL = ".shipshape/journal";

    /** Where to halt the child run: the {@code occurrence}-th step of that kind; 0 means half the files that change. */
    private record KillPoint(String step, int occurrence) {
    }

    /**
     * Kill points in a real child JVM, of each phase: lock taken, journal, midway through the
     * temporary files, midway through the renames, deletions, end. The rounds alternate v1 → v2
     * (which deletes files) and v2 → v1 (which creates them), so DELETE sits in an even round.
     * {@code OutputWriterTest.aRunStoppedAtAnyStepIsReportedByCheckAndCompletedByTheNextRun}
     * stops an in-process run at every step kind, first occurrences included.
     */
    private static final List<KillPoint> KILL_POINTS = List.of(
            new KillPoint("LOCKED", 1),
            new KillPoint("JOURNAL", 1),
            new KillPoint("TEMPORARY", 0),
            new KillPoint("REPLACE", 0),
            new KillPoint("DELETE", 1),
            new KillPoint("FINISH", 1));

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
        v2 = Files.writeString(specs.resolve("big-v2.yaml"), SyntheticSpec.yaml("big", COMPONENTS - 10, "2.0.0"));
        Shipshape shipshape = new Shipshape();
        shipshape.generate(List.of(v1), reference.resolve("v1"));
        shipshape.generate(List.of(v2), reference.resolve("v2"));
        treeV1 = TreeSnapshot.of(reference.resolve("v1"));
        treeV2 = TreeSnapshot.of(reference.resolve("v2"));
        assertTrue(treeV1.size() > COMPONENTS, "a large tree: " + treeV1.size() + " entries");
        assertFalse(treeV1.keySet().containsAll(treeV2.keySet()) && treeV2.keySet().containsAll(treeV1.keySet()),
                "each version has files the other has not");
    }

    /** Issue 11, case 2 (and issue 10: the kill point must be reached, or the test fails). */
    @Test
    void aRunKilledAtAnyWriteStepLeavesTheDirectoryWithEachFileOldOrNewAndTheNextRunCompletesIt() throws Exception {
        Path output = workspace.resolve("output");
        shipshape.generate(List.of(v1), output);
        String userFile = TreeSnapshot.of(Files.writeString(output.resolve(USER_FILE), "the team's own notes\n").getParent()).get(USER_FILE);
        Object inode = Files.getAttribute(output, "unix:ino");
        for (int i = 0; i < KILL_POINTS.size(); i++) {
            SortedMap<String, String> old = withUserFile(i % 2 == 0 ? treeV1 : treeV2, userFile);
            SortedMap<String, String> next = withUserFile(i % 2 == 0 ? treeV2 : treeV1, userFile);
            Path nextSpec = i % 2 == 0 ? v2 : v1;
            assertEquals(old, TreeSnapshot.of(output));
            KillPoint point = KILL_POINTS.get(i);
            int occurrence = point.occurrence() > 0 ? point.occurrence() : changedFiles(old, next) / 2;
            String state = "halted at " + point.step() + " #" + occurrence;

            Process child = ChildJvm.generate(ChildJvm.currentJavaHome(), List.of("-Dshipshape.test.haltAt=" + point.step() + ":" + occurrence),
                    Map.of(), output, List.of(nextSpec), workspace.resolve("child.log"));
            assertTrue(child.waitFor(180, TimeUnit.SECONDS), state + ": the child ended");
            assertEquals(Faults.HALTED, child.exitValue(), state + ": the kill point was not reached: " + Files.readString(workspace.resolve("child.log")));

            assertEquals(inode, Files.getAttribute(output, "unix:ino"), state + ": the output directory itself is never moved or replaced");
            SortedMap<String, String> after = TreeSnapshot.of(output);
            SortedMap<String, String> files = new TreeMap<>();
            after.forEach((path, value) -> {
                if (!path.equals(JOURNAL) && !path.endsWith(".shipshape-tmp")) {
                    files.put(path, value);
                }
            });
            for (var entry : files.entrySet()) {
                assertTrue(entry.getValue().equals(old.get(entry.getKey())) || entry.getValue().equals(next.get(entry.getKey())),
                        state + ": " + entry.getKey() + " is neither its old nor its new version");
            }
            for (String path : old.keySet()) {
                if (next.containsKey(path)) {
                    assertTrue(files.containsKey(path), state + ": " + path + ", in both versions, is missing");
                }
            }
            boolean mix = !files.equals(old) && !files.equals(next);
            System.out.println("OutputSafetyTest: " + state + ": the output holds the "
                    + (files.equals(old) ? "previous tree" : files.equals(next) ? "new tree" : "journalled mix"));
            if (mix) {
                assertTrue(after.containsKey(JOURNAL), state + ": a mix without the journal looks complete");
                List<Drift> drift = shipshape.check(List.of(nextSpec), output).drift();
                assertTrue(drift.contains(new Drift(JOURNAL, Drift.Kind.INTERRUPTED)), state + ": check says the run was interrupted");
                assertTrue(drift.stream().noneMatch(d -> d.kind() == Drift.Kind.EDITED), state + ": no file is taken for a hand edit: " + drift);
            }

            shipshape.generate(List.of(nextSpec), output);
            assertEquals(next, TreeSnapshot.of(output), state + ": the next run did not complete the tree");
        }
    }

    private static SortedMap<String, String> withUserFile(SortedMap<String, String> tree, String userFile) {
        SortedMap<String, String> withIt = new TreeMap<>(tree);
        withIt.put(USER_FILE, userFile);
        return withIt;
    }

    /** Files whose content differs between the trees or that only the second has: what a run writes. */
    private static int changedFiles(SortedMap<String, String> from, SortedMap<String, String> to) {
        return (int) to.entrySet().stream().filter(e -> !e.getValue().equals("dir") && !e.getValue().equals(from.get(e.getKey()))).count();
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
    }

    @Test
    void aRunWhileAnotherProcessHoldsTheLockIsRefusedWithAClearMessage() throws Exception {
        Path output = workspace.resolve("output");
        shipshape.generate(List.of(v1), output);
        Path lockFile = output.resolve(".shipshape/lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " test\n").getBytes(StandardCharsets.UTF_8)));
            Process child = ChildJvm.generate(ChildJvm.currentJavaHome(), List.of(), Map.of(), output, List.of(v2), workspace.resolve("child.log"));
            assertTrue(child.waitFor(120, TimeUnit.SECONDS));
            String log = Files.readString(workspace.resolve("child.log"));
            assertEquals(2, child.exitValue(), log);
            assertTrue(log.contains("another shipshape run is writing") && log.contains("wait for it to finish"), log);
            assertTrue(held.isValid());
        }
        assertEquals(ProcessHandle.current().pid() + " test\n", Files.readString(lockFile), "the refused run left the holder's lock file alone");
        Files.write(lockFile, new byte[0]); // what the test wrote into it
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

    /** Issue 11, case 5: {@code $HOME} is guarded even when the password database names another home. */
    @Test
    void aHomeDirectoryNamedOnlyByTheHomeVariableIsRefused() throws Exception {
        Path home = Files.createDirectories(workspace.resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        SortedMap<String, String> before = TreeSnapshot.of(home);

        Process child = ChildJvm.generate(ChildJvm.currentJavaHome(), List.of(), Map.of("HOME", home.toString()), home, List.of(v1),
                workspace.resolve("child.log"));
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));

        String log = Files.readString(workspace.resolve("child.log"));
        assertEquals(2, child.exitValue(), log);
        assertTrue(log.contains("refusing to use " + home.toRealPath()) && log.contains("it is your home directory ($HOME)"), log);
        assertEquals(before, TreeSnapshot.of(home));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ssh)));
    }

    /**
     * Issue 11, case 6: an output directory that cannot be renamed (a mount point: a Docker volume,
     * a CI cache) is written in place, and a run that fails leaves nothing behind, in it or beside it.
     * Mounts a tmpfs when it may (root with CAP_SYS_ADMIN); otherwise it makes the parent
     * directory read-only, which forbids renaming the output directory just as a mount does.
     */
    @Test
    void aMountPointIsWrittenInPlaceAndAFailedRunLeavesNothingBehind() throws Exception {
        Path parent = Files.createDirectories(workspace.resolve("parent"));
        Path output = Files.createDirectories(parent.resolve("output"));
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=512m", "shipshape-test", output.toString()) == 0;
        boolean readOnlyParent = !mounted && !"0".equals(String.valueOf(Files.getAttribute(parent, "unix:uid")));
        Assumptions.assumeTrue(mounted || readOnlyParent,
                "root without the right to mount: no output directory that cannot be renamed can be made here");
        if (readOnlyParent) {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Object inode = Files.getAttribute(output, "unix:ino");
            List<String> beside = List.of("output");
            shipshape.generate(List.of(v1), output);
            assertEquals(treeV1, TreeSnapshot.of(output));
            shipshape.generate(List.of(v2), output);
            assertEquals(treeV2, TreeSnapshot.of(output));
            assertEquals(inode, Files.getAttribute(output, "unix:ino"), "the mounted directory itself is kept");
            assertEquals(beside, names(parent), "nothing is made beside the output directory");

            // a full disk while the new contents are written: every file stays as it was, no temporary file is left
            Faults.failAt("TEMPORARY", 100, new FileSystemException("output", null, "No space left on device"));
            Path target = output;
            try {
                assertThrows(IOException.class, () -> shipshape.generate(List.of(v1), target));
            } finally {
                Faults.clear();
            }
            assertEquals(treeV2, TreeSnapshot.of(output));

            // a device error after the renames began: each file is old or new, the index says which, nothing is left over
            Faults.failAt("REPLACE", 100, new FileSystemException("output", null, "Input/output error"));
            try {
                assertThrows(IOException.class, () -> shipshape.generate(List.of(v1), target));
            } finally {
                Faults.clear();
            }
            SortedMap<String, String> mix = TreeSnapshot.of(output);
            assertTrue(mix.keySet().stream().noneMatch(path -> path.endsWith(".shipshape-tmp") || path.equals(JOURNAL)), mix.keySet().toString());
            List<Drift> drift = shipshape.check(List.of(v1), output).drift();
            assertTrue(drift.stream().noneMatch(d -> d.kind() == Drift.Kind.EDITED || d.kind() == Drift.Kind.INTERRUPTED), drift.toString());
            shipshape.generate(List.of(v1), output);
            assertEquals(treeV1, TreeSnapshot.of(output));
            assertEquals(inode, Files.getAttribute(output, "unix:ino"));
            assertEquals(beside, names(parent));
        } finally {
            if (mounted) {
                assertEquals(0, run("umount", output.toString()));
            } else {
                Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return process.waitFor();
    }

    private static List<String> names(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
