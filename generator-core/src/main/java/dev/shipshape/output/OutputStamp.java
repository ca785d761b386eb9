package dev.shipshape.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The record a successful {@code generate} leaves in the build directory (for the Maven plugin
 * {@code target/shipshape/generate.stamp}) so that the next run can skip compiling when nothing
 * changed: Maven's incremental-build convention, where a goal whose inputs and outputs are as it
 * left them does no work. It holds a fingerprint of the run's inputs (spec files, generator,
 * settings: computed by the front end) and, for every file the output directory's index lists
 * (the index included), its SHA-256, size and modification time. The output is up to date when
 * the fingerprint is the same and every one of those files still has its recorded bytes; a hand
 * edit, a deleted file, a replaced index or an interrupted run (its journal left) makes it out of date.
 *
 * <p>Like Git's index, the check trusts a file whose size and modification time are the recorded
 * ones and older than the stamp, and hashes only the others ("racily clean" files, modified in
 * the same clock tick as the stamp was written, see Git's {@code Documentation/technical/racy-git.txt}):
 * an edit changes the modification time, so an up-to-date run costs one {@code stat} per file.
 * Reading uses only the JDK, so an up-to-date run loads none of the compiler's libraries.
 *
 * <p>Format (UTF-8, {@code \n}): {@code shipshape-stamp 2}, {@code inputs <fingerprint>}, then
 * one line per file, {@code sha256:<hex> <size in bytes> <modification time in ns since the epoch> <path>},
 * sorted by path.
 */
public final class OutputStamp {

    private static final String HEADER = "shipshape-stamp 2";
    private static final String INPUTS = "inputs ";

    private OutputStamp() {
    }

    /**
     * Whether the output directory is exactly what the run that wrote the stamp left, and that
     * run had these inputs. Changes nothing.
     *
     * @param stampFile       the stamp; a missing, foreign or damaged stamp means out of date
     * @param inputs          the fingerprint of this run's inputs
     * @param outputDirectory the output directory
     * @throws IOException if a file that exists cannot be read
     */
    public static boolean upToDate(Path stampFile, String inputs, Path outputDirectory) throws IOException {
        if (!Files.isRegularFile(stampFile)) {
            return false;
        }
        long stamped = Files.getLastModifiedTime(stampFile).to(TimeUnit.NANOSECONDS);
        List<String> lines = Files.readAllLines(stampFile, StandardCharsets.UTF_8);
        if (lines.size() < 3 || !lines.get(0).equals(HEADER) || !lines.get(1).equals(INPUTS + inputs)) {
            return false;
        }
        Path target = outputDirectory.toAbsolutePath().normalize();
        if (Files.exists(target.resolve(OutputJournal.PATH), LinkOption.NOFOLLOW_LINKS)) {
            return false; // a run is changing files or was interrupted: let the writer complete it
        }
        for (String line : lines.subList(2, lines.size())) {
            String[] fields = line.split(" ", 4);
            if (fields.length != 4 || !isNumber(fields[1]) || !isNumber(fields[2])
                    || !unchanged(target.resolve(fields[3]), fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2]), stamped)) {
                return false; // a damaged line means out of date, like a missing stamp
            }
        }
        return true;
    }

    /** Whether the field is a decimal {@code long} (sizes in bytes, times in ns fit one). */
    private static boolean isNumber(String field) {
        try {
            Long.parseLong(field);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Whether a file has its recorded bytes: by size and time when they settle it, else by hash. */
    private static boolean unchanged(Path file, String hash, long size, long modified, long stamped) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return false;
        }
        if (!attributes.isRegularFile() || attributes.size() != size) {
            return false;
        }
        long now = attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        if (now == modified && modified < stamped) {
            return true;
        }
        return hash.equals(ContentHash.of(Files.readAllBytes(file)));
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
        Path target = outputDirectory.toAbsolutePath().normalize();
        Path indexFile = target.resolve(OutputIndex.PATH);
        byte[] indexBytes = Files.readAllBytes(indexFile);
        SortedMap<String, String> hashes = new TreeMap<>(OutputIndex.parse(indexBytes, indexFile.toString()).files());
        hashes.put(OutputIndex.PATH, ContentHash.of(indexBytes));
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.add(INPUTS + inputs);
        for (var entry : hashes.entrySet()) {
            BasicFileAttributes attributes = Files.readAttributes(target.resolve(entry.getKey()), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            lines.add(entry.getValue() + " " + attributes.size() + " " + attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                    + " " + entry.getKey());
        }
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
