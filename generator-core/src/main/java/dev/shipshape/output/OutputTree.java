package dev.shipshape.output;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files a compilation produces, by path relative to the output directory (always with
 * {@code /} separators), sorted so that iteration order never depends on the file system.
 * Renderers add files; the {@link OutputWriter} writes them.
 */
public final class OutputTree {

    private final SortedMap<String, String> files = new TreeMap<>();

    /**
     * Adds a file.
     *
     * @param path    relative path with {@code /} separators, no {@code ..}, not absolute
     * @param content UTF-8 text with {@code \n} line ends
     * @throws IllegalArgumentException if the path is unsafe or already present
     */
    public void add(String path, String content) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")
                || ("/" + path + "/").contains("/../") || ("/" + path + "/").contains("/./")) {
            throw new IllegalArgumentException("unsafe output path: " + path);
        }
        if (files.putIfAbsent(path, content) != null) {
            throw new IllegalArgumentException("two renderers produced " + path);
        }
    }

    /** The files, sorted by path; unmodifiable. */
    public SortedMap<String, String> files() {
        return Collections.unmodifiableSortedMap(files);
    }
}
