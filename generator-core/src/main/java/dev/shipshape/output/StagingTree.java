package dev.shipshape.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The staging directory an {@link OutputWriter} run builds its new tree in. Remembers every
 * directory it made, so that each is created with one system call at most and can be flushed
 * once ({@link Durability#FSYNC}).
 */
final class StagingTree {

    private final Path root;
    private final Set<Path> directories = new HashSet<>();

    /**
     * Creates the staging directory with its parents.
     *
     * @throws IOException if it cannot be created
     */
    StagingTree(Path root) throws IOException {
        this.root = root;
        ensure(root);
    }

    /** The path of a file of the tree, its parent directories created. */
    Path prepare(String relative) throws IOException {
        Path file = root.resolve(relative);
        ensure(file.getParent());
        return file;
    }

    /** Creates a directory of the tree (kept even when empty). */
    void create(String relative) throws IOException {
        ensure(root.resolve(relative));
    }

    /**
     * Writes a new file of the tree, without flushing it.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the tree already has it
     */
    Path write(String relative, byte[] content) throws IOException {
        Path file = prepare(relative);
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return file;
    }

    /** Every directory of the tree, the root included, in no particular order. */
    Collection<Path> directories() {
        return Collections.unmodifiableSet(directories);
    }

    private void ensure(Path directory) throws IOException {
        if (directories.contains(directory)) {
            return;
        }
        Files.createDirectories(directory);
        for (Path made = directory; made != null && made.startsWith(root) && directories.add(made); made = made.getParent()) {
            // records the directory and its ancestors up to the root
        }
    }
}
