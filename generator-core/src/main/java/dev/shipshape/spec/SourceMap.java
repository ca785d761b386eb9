package dev.shipshape.spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Where each value of a spec tree is written: JSON Pointer to the 1-based position of the value
 * and, for members of a mapping, of its key. Mutable while a tree is built or merged; pass copies.
 */
final class SourceMap {

    /** The positions of one value. */
    private record Entry(Location value, Location key) {
    }

    private final Path file;
    private final NavigableMap<String, Entry> entries;

    SourceMap(Path file) {
        this(file, new TreeMap<>());
    }

    private SourceMap(Path file, NavigableMap<String, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The spec file the positions refer to. */
    Path file() {
        return file;
    }

    /** An independent copy. */
    SourceMap copy() {
        return new SourceMap(file, new TreeMap<>(entries));
    }

    /** Records a value's position and, for a mapping member, its key's position ({@code key} may be {@code null}). */
    void put(String pointer, Location value, Location key) {
        entries.put(pointer, new Entry(value, key == null ? value : key));
    }

    /** The position of the value at {@code pointer}, or of its closest recorded ancestor. */
    Location valueLocation(String pointer) {
        return find(pointer).value();
    }

    /** The position of the key of the value at {@code pointer} (the value itself for array elements and the root). */
    Location keyLocation(String pointer) {
        return find(pointer).key();
    }

    /** True when a position is recorded for exactly this pointer. */
    boolean contains(String pointer) {
        return entries.containsKey(pointer);
    }

    /** Forgets the positions of the value at {@code pointer} and everything below it. */
    void removeSubtree(String pointer) {
        entries.remove(pointer);
        entries.subMap(pointer + "/", true, pointer + "0", false).clear();
    }

    /**
     * Copies the positions of {@code source}'s subtree at {@code from} to the subtree at {@code to}
     * of this map, replacing what was recorded there.
     */
    void copySubtree(SourceMap source, String from, String to) {
        Entry root = source.entries.get(from);
        NavigableMap<String, Entry> below = new TreeMap<>(source.entries.subMap(from + "/", true, from + "0", false));
        removeSubtree(to);
        if (root != null) {
            entries.put(to, root);
        }
        for (Map.Entry<String, Entry> e : below.entrySet()) {
            entries.put(to + e.getKey().substring(from.length()), e.getValue());
        }
    }

    private Entry find(String pointer) {
        for (String p = pointer; ; p = JsonPointers.parent(p)) {
            Entry entry = entries.get(p);
            if (entry != null) {
                return entry;
            }
            if (p.isEmpty()) {
                Location start = new Location(file, 1, 1);
                return new Entry(start, start);
            }
        }
    }
}
