package dev.shipshape.output;

import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The files a compilation produces, by path relative to the output directory (always with
 * {@code /} separators), sorted so that iteration order never depends on the file system.
 * Renderers add files; the {@link OutputWriter} writes them, with a generated-file header naming
 * each file's sources.
 */
public final class OutputTree {

    private final SortedMap<String, String> files = new TreeMap<>();
    private final SortedMap<String, SortedSet<String>> sources = new TreeMap<>();

    /**
     * Adds a file that no single spec produced.
     *
     * @param path    relative path with {@code /} separators, no {@code ..}, not absolute, no control characters
     * @param content UTF-8 text with {@code \n} line ends
     * @throws IllegalArgumentException if the path is unsafe or already present
     */
    public void add(String path, String content) {
        add(path, content, Set.of());
    }

    /**
     * Adds a file produced from the given spec files.
     *
     * @param path        relative path with {@code /} separators, no {@code ..}, not absolute, no control characters
     * @param content     UTF-8 text with {@code \n} line ends
     * @param specSources the spec file names it is generated from (for the header), for example {@code acme.yaml}
     * @throws IllegalArgumentException if the path is unsafe or already present
     */
    public void add(String path, String content, Set<String> specSources) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")
                || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./") || path.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("unsafe output path: " + path);
        }
        if (files.putIfAbsent(path, content) != null) {
            throw new IllegalArgumentException("two renderers produced " + path);
        }
        sources.put(path, Collections.unmodifiableSortedSet(new TreeSet<>(specSources)));
    }

    /** The files, sorted by path; unmodifiable. */
    public SortedMap<String, String> files() {
        return Collections.unmodifiableSortedMap(files);
    }

    /**
     * The spec file names a file is generated from, sorted; empty when none was given.
     *
     * @throws IllegalArgumentException if there is no such file
     */
    public SortedSet<String> sources(String path) {
        SortedSet<String> names = sources.get(path);
        if (names == null) {
            throw new IllegalArgumentException("no output file " + path);
        }
        return names;
    }
}
