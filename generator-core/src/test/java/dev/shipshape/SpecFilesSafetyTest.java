package dev.shipshape;

import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the spec files of a specs directory are found and named (issue 11, cases 8 and 9). */
class SpecFilesSafetyTest {

    @TempDir
    Path workspace;

    /** Case 8: skipping a spec link to nothing would delete its application's output. */
    @Test
    void aDanglingSpecSymlinkIsAnErrorNamingItAndNothingIsDeleted() throws Exception {
        Path specs = Files.createDirectories(workspace.resolve("specs"));
        Files.copy(RepositoryRoot.path().resolve("specs/acme.yaml"), specs.resolve("acme.yaml"));
        Path shared = Files.copy(RepositoryRoot.path().resolve("specs/todoozle.yaml"), workspace.resolve("todoozle-shared.yaml"));
        Files.createSymbolicLink(specs.resolve("todoozle.yaml"), shared);
        // its sops files are read relative to the link, as the spec is named in the specs directory
        ShippedSpecs.copyFolderOf(RepositoryRoot.path().resolve("specs/todoozle.yaml"), specs);
        Path output = workspace.resolve("output");
        new Shipshape().generate(Shipshape.findSpecs(specs), output);
        SortedMap<String, String> before = TreeSnapshot.of(output);
        assertTrue(before.containsKey("todoozle/RUNBOOK.md"));

        Files.delete(shared);
        SpecException e = assertThrows(SpecException.class, () -> new Shipshape().generate(Shipshape.findSpecs(specs), output));

        assertTrue(e.getMessage().contains(specs.resolve("todoozle.yaml").toString())
                && e.getMessage().contains("symbolic link to " + shared + ", which does not exist"), e.getMessage());
        assertEquals(before, TreeSnapshot.of(output), "the application of the dangling link keeps its output");
    }

    /** Case 9: a spec file name is decoded from the file system's bytes as UTF-8, whatever the locale. */
    @Test
    void nonAsciiSpecFileNamesGiveByteIdenticalOutputUnderEveryLocale() throws Exception {
        Path specs = Files.createDirectories(workspace.resolve("specs"));
        Files.copy(RepositoryRoot.path().resolve("specs/acme.yaml"), specs.resolve("äcme-ö.yaml"));
        List<Map<String, String>> environments = List.of(Map.of("LC_ALL", "C.UTF-8", "LANG", "C.UTF-8"),
                Map.of("LC_ALL", "C", "LANG", "C"), Map.of("LC_ALL", "POSIX"));
        List<List<String>> options = List.of(List.of(), List.of(), List.of("-Dfile.encoding=ISO-8859-1"));
        List<SortedMap<String, String>> trees = new ArrayList<>();
        // the runs are independent (an output directory and a log each): all started at once
        List<Process> children = new ArrayList<>();
        try {
            for (int i = 0; i < environments.size(); i++) {
                children.add(ChildJvm.generate(ChildJvm.currentJavaHome(), options.get(i), environments.get(i),
                        workspace.resolve("output-" + i), List.of(specs), workspace.resolve("run-" + i + ".log")));
            }
            for (int i = 0; i < environments.size(); i++) {
                Path output = workspace.resolve("output-" + i);
                assertTrue(children.get(i).waitFor(120, TimeUnit.SECONDS));
                assertEquals(0, children.get(i).exitValue(), environments.get(i) + ": " + Files.readString(workspace.resolve("run-" + i + ".log")));
                trees.add(TreeSnapshot.of(output));
                String header = Files.readAllLines(output.resolve("acme/kustomize/base/kustomization.yaml"), StandardCharsets.UTF_8).get(0);
                assertTrue(header.endsWith(" from äcme-ö.yaml. DO NOT EDIT."), environments.get(i) + ": " + header);
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertEquals(trees.get(0), trees.get(1), "LANG=C wrote different bytes than C.UTF-8");
        assertEquals(trees.get(0), trees.get(2), "POSIX with file.encoding=ISO-8859-1 wrote different bytes than C.UTF-8");
    }
}
