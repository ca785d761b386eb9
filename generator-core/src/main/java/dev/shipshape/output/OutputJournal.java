package dev.shipshape.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The intent journal of a write, {@code .shipshape/journal}: written (and flushed to disk) before
 * the run changes any file of the output directory and deleted once the new index is in place,
 * so while it exists the directory may hold a mix of the previous run's files and the new ones.
 * It lists every file the run replaces, with the SHA-256 of its new content, and every owned file
 * it deletes. The next run (or {@code check}) reads it to tell which state each of those files is
 * in: a file with its journalled hash is the new one and owned as such, a journalled deletion that
 * is gone is no longer owned, anything else is as the index says ({@link #recover}).
 *
 * <p>Format (UTF-8, {@code \n}): {@code shipshape-journal 1}, then one line per file sorted by
 * path, {@code write sha256:<hex> <path>} or {@code delete <path>}.
 *
 * @param writes   new content hash by relative path
 * @param deletes  relative paths of owned files to delete
 */
record OutputJournal(SortedMap<String, String> writes, List<String> deletes) {

    /** Where the journal lives, relative to the output directory. */
    static final String PATH = ".shipshape/journal";

    private static final String HEADER = "shipshape-journal 1";

    /**
     * Reads the journal of an output directory.
     *
     * @return the journal, or {@code null} when there is none (no run was interrupted)
     * @throws OutputException if it is damaged
     */
    static OutputJournal read(Path outputDirectory) throws OutputException, IOException {
        Path file = outputDirectory.resolve(PATH);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        SortedMap<String, String> writes = new TreeMap<>();
        List<String> deletes = new ArrayList<>();
        if (lines.isEmpty()) {
            // killed before the journal's first line was on disk: no file was changed yet
            return new OutputJournal(writes, deletes);
        }
        if (!lines.get(0).equals(HEADER)) {
            throw damaged(file);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(" ", 3);
            if (fields.length == 3 && fields[0].equals("write")) {
                writes.put(fields[2], fields[1]);
            } else if (line.startsWith("delete ")) {
                deletes.add(line.substring("delete ".length()));
            } else {
                throw damaged(file);
            }
        }
        return new OutputJournal(writes, deletes);
    }

    private static OutputException damaged(Path file) {
        return new OutputException(file + " is not a shipshape journal; if no shipshape run is active, delete it and run "
                + "generate again (files that then differ from the index are reported by name).");
    }

    /**
     * The index that describes the directory after an interrupted run: {@code index} with every
     * journalled file that has its new content recorded with the new hash, and every journalled
     * deletion that happened dropped. Reads files, changes nothing.
     */
    OutputIndex recover(OutputIndex index, Path outputDirectory) throws IOException {
        SortedMap<String, String> files = new TreeMap<>(index.files());
        for (var entry : writes.entrySet()) {
            Path file = outputDirectory.resolve(entry.getKey());
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && entry.getValue().equals(ContentHash.of(Files.readAllBytes(file)))) {
                files.put(entry.getKey(), entry.getValue());
            }
        }
        for (String path : deletes) {
            if (!Files.exists(outputDirectory.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                files.remove(path);
            }
        }
        return new OutputIndex(files);
    }

    /** The journal file's bytes. */
    byte[] toBytes() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        writes.forEach((path, hash) -> text.append("write ").append(hash).append(' ').append(path).append('\n'));
        deletes.stream().sorted().forEach(path -> text.append("delete ").append(path).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
