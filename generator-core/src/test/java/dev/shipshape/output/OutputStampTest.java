package dev.shipshape.output;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputStampTest {

    private static final String INPUTS = "sha256:inputs-of-the-run";

    @TempDir
    Path temp;
    private Path output;
    private Path stamp;

    @BeforeEach
    void aWrittenOutputAndItsStamp() throws Exception {
        Path project = Files.createDirectories(temp.resolve("project/specs"));
        output = temp.resolve("project/output");
        stamp = temp.resolve("project/target/shipshape/generate.stamp");
        OutputTree tree = new OutputTree();
        tree.add("shop/kustomize/base/kustomization.yaml", "kind: Kustomization\n", Set.of("shop.yaml"));
        tree.add("shop/README.md", "# shop\n", Set.of("shop.yaml"));
        new OutputWriter("1.2.3").write(tree, output, project);
        OutputStamp.write(stamp, INPUTS, output);
    }

    @Test
    void theOutputAsTheRunLeftItWithTheSameInputsIsUpToDate() throws Exception {
        assertTrue(OutputStamp.upToDate(stamp, INPUTS, output));
        Files.writeString(output.resolve("notes.txt"), "a file of the user's\n");
        assertTrue(OutputStamp.upToDate(stamp, INPUTS, output), "files shipshape does not own do not matter");
    }

    @Test
    void otherInputsAreOutOfDate() throws Exception {
        assertFalse(OutputStamp.upToDate(stamp, "sha256:other-inputs", output));
    }

    @Test
    void aHandEditIsOutOfDate() throws Exception {
        Files.writeString(output.resolve("shop/README.md"), "# shop, edited\n");
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output));
    }

    @Test
    void anEditThatKeepsTheSizeIsOutOfDate() throws Exception {
        Files.writeString(output.resolve("shop/README.md"), Files.readString(output.resolve("shop/README.md")).replace("shop", "SHOP"));
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output));
    }

    @Test
    void aFileTouchedButNotChangedIsStillUpToDate() throws Exception {
        Files.setLastModifiedTime(output.resolve("shop/README.md"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        assertTrue(OutputStamp.upToDate(stamp, INPUTS, output), "its hash is compared then");
    }

    @Test
    void aDeletedFileIsOutOfDate() throws Exception {
        Files.delete(output.resolve("shop/kustomize/base/kustomization.yaml"));
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output));
    }

    @Test
    void aDeletedIndexIsOutOfDate() throws Exception {
        Files.delete(output.resolve(OutputIndex.PATH));
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output), "the index is one of the stamped files");
    }

    @Test
    void aReplacedIndexIsOutOfDate() throws Exception {
        Files.writeString(output.resolve(OutputIndex.PATH), "{\"files\": {}}\n");
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output));
    }

    @Test
    void anInterruptedRunsJournalIsOutOfDate() throws Exception {
        assertTrue(OutputStamp.upToDate(stamp, INPUTS, output));
        Files.write(output.resolve(OutputJournal.PATH), new byte[0]);
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output), "the writer must complete the interrupted run first");
    }

    @Test
    void aMissingOrForeignStampIsOutOfDate() throws Exception {
        Files.delete(stamp);
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output));
        Files.writeString(stamp, "something else\n");
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output));
    }

    @Test
    void aDamagedStampIsOutOfDate() throws Exception {
        List<String> lines = Files.readAllLines(stamp);
        String[] fields = lines.get(2).split(" ", 4);
        lines.set(2, fields[0] + " " + fields[1] + " not-a-time " + fields[3]);
        Files.write(stamp, lines);
        assertFalse(OutputStamp.upToDate(stamp, INPUTS, output));
    }
}
