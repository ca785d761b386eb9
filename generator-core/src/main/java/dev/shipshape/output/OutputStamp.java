package dev.shipshape.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The record a successful {@code generate} leaves in the build directory (for the Maven plugin
 * {@code target/shipshape/generate.stamp}) so that the next run can skip compiling when nothing
 * changed: Maven's incremental-build convention, where a goal whose inputs and outputs are as it
 * left them does no work. It holds a fingerprint of the run's inputs (spec files, generator,
 * settings: computed by the front end) and the SHA-256 of every file the output directory's
 * index lists, the index included. The output is up to date when the fingerprint is the same
 * and every one of those files still has its recorded bytes; a hand edit, a deleted file, a
 * replaced index or a run that was killed mid-swap makes it out of date. Reading uses only the
 * JDK, so an up-to-date run loads none of the compiler's libraries.
 *
 * <p>Format (UTF-8, {@code \n}): {@code shipshape-stamp 1}, {@code inputs <fingerprint>}, then
 * one line per file, {@code sha256:<hex> <path>}, sorted by path.
 */
public final class OutputStamp {

    private static final String HEADER = "shipshape-stamp 1";
    private static final String INPUTS = "inputs ";

    private OutputStamp() {
    }

    /**
     * Whether the output directory is exactly what the run that wrote the stamp left, and that
     * run had these inputs. Reads every recorded file; changes nothing.
     *
     * @param stampFile       the stamp; a missing or unreadable stamp means out of date
     * @param inputs          the fingerprint of this run's inputs
     * @param outputDirectory the output directory
     * @throws IOException if a file that exists cannot be read
     */
    public static boolean upToDate(Path stampFile, String inputs, Path outputDirectory) throws IOException {
        if (!Files.isRegularFile(stampFile)) {
            return false;
        }
        List<String> lines = Files.readAllLines(stampFile, StandardCharsets.UTF_8);
        if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).equals(INPUTS + inputs)) {
            return false;
        }
        Path target = outputDirectory.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        for (String leftover : List.of(".shipshape-new", ".shipshape-old", ".shipshape.lock")) {
            if (parent != null && Files.exists(parent.resolve("." + name + leftover), LinkOption.NOFOLLOW_LINKS)) {
                return false; // a run is active or was killed: let the writer recover
            }
        }
        for (String line : lines.subList(2, lines.size())) {
            int space = line.indexOf(' ');
            if (space < 0) {
                return false;
            }
            Path file = target.resolve(line.substring(space + 1));
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !line.substring(0, space).equals(ContentHash.of(Files.readAllBytes(file)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records the output directory as a run with these inputs left it: its index and every file
     * the index lists. Written to a temporary file and renamed, so a stamp is whole or absent.
     *
     * @param stampFile       the stamp; its directory is created when missing
     * @param inputs          the fingerprint of the run's inputs
     * @param outputDirectory the output directory the run has just written
     * @throws OutputException if the index is corrupt
     * @throws IOException     if the index cannot be read or the stamp cannot be written
     */
    public static void write(Path stampFile, String inputs, Path outputDirectory) throws OutputException, IOException {
        Path indexFile = outputDirectory.resolve(OutputIndex.PATH);
        byte[] indexBytes = Files.readAllBytes(indexFile);
        OutputIndex index = OutputIndex.parse(indexBytes, indexFile.toString());
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add(INPUTS + inputs);
        lines.add(ContentHash.of(indexBytes) + " " + OutputIndex.PATH);
        index.files().forEach((path, hash) -> lines.add(hash + " " + path));
        Path directory = stampFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, stampFile.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, stampFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
