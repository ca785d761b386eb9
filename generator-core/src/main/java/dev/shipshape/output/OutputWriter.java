package dev.shipshape.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes an {@link OutputTree} into an output directory, safely:
 * <ul>
 *   <li><b>ownership</b>: {@code .shipshape/index.json} lists the files shipshape owns with their
 *       hashes ({@link OutputIndex}); a file it does not own is never overwritten or deleted (a
 *       generated path that collides with one is an error), owned files no longer produced are
 *       deleted, and directories left empty by that disappear;</li>
 *   <li><b>idempotence</b>: identical files are not rewritten; when nothing changed, nothing on
 *       disk is touched (modification times included);</li>
 *   <li><b>atomicity</b>: the complete new state is staged in {@code .<name>.shipshape-new}
 *       beside the output directory (unchanged and foreign files hard-linked, copied where links
 *       are not supported), then swapped in with two renames; the previous tree is kept as
 *       {@code .<name>.shipshape-old} until the swap completes. A failing run leaves the output
 *       directory as it was; a run that was killed mid-swap is completed or rolled back by the
 *       next run;</li>
 *   <li><b>durability</b>: the index is flushed to disk before the swap; with
 *       {@link Durability#FSYNC} every staged file and directory too, and the swap after
 *       ({@link Durability});</li>
 *   <li><b>exclusion</b>: a lock file {@code .<name>.shipshape.lock} beside the directory keeps
 *       two runs apart ({@link OutputLock});</li>
 *   <li><b>refusals</b>: the file-system root, the user's home directory, and the project root
 *       of the specs or any of its ancestors are never used as an output directory, since the
 *       swap would move the whole directory.</li>
 * </ul>
 * Generated YAML, Markdown and Helm template files get a {@link GeneratedHeader} line.
 */
public final class OutputWriter {

    private final GeneratedHeader header;

    /** @param generatorVersion the shipshape version named in generated-file headers */
    public OutputWriter(String generatorVersion) {
        this.header = new GeneratedHeader(generatorVersion);
    }

    /**
     * Makes {@code outputDirectory} hold exactly the tree's files (plus any files it does not own),
     * with the default {@link Durability#ATOMIC}.
     *
     * @see #write(OutputTree, Path, Path, Durability)
     */
    public WriteResult write(OutputTree tree, Path outputDirectory, Path projectRoot) throws OutputException, IOException {
        return write(tree, outputDirectory, projectRoot, Durability.ATOMIC);
    }

    /**
     * Makes {@code outputDirectory} hold exactly the tree's files (plus any files it does not own).
     *
     * @param tree            the files to write
     * @param outputDirectory the output directory; created with its parents when missing
     * @param projectRoot     the directory of the spec files; neither it nor an ancestor may be the output directory
     * @param durability      what is flushed to disk before and after the swap
     * @return what changed
     * @throws OutputException for a refused directory, a collision with a file shipshape does not own,
     *                         a corrupt index or a concurrent run — nothing is written then
     * @throws IOException     when the file system fails; the output directory is left as it was
     */
    @SuppressWarnings("try") // the lock is held for the duration of the block
    public WriteResult write(OutputTree tree, Path outputDirectory, Path projectRoot, Durability durability)
            throws OutputException, IOException {
        Path target = checkedTarget(outputDirectory, projectRoot);
        Path parent = target.getParent();
        Files.createDirectories(parent);
        String name = target.getFileName().toString();
        Path staging = parent.resolve("." + name + ".shipshape-new");
        Path previous = parent.resolve("." + name + ".shipshape-old");
        try (OutputLock lock = OutputLock.acquire(parent.resolve("." + name + ".shipshape.lock"), target)) {
            recover(target, staging, previous);
            Plan plan = plan(tree, target);
            if (plan.written.isEmpty() && plan.deleted.isEmpty() && plan.indexUnchanged) {
                return plan.result(target);
            }
            stage(plan, target, staging, durability);
            swap(target, staging, previous);
            if (durability == Durability.FSYNC) {
                Flush.directory(parent);
            }
            return plan.result(target);
        }
    }

    private static Path checkedTarget(Path outputDirectory, Path projectRoot) throws OutputException, IOException {
        Path target = outputDirectory.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(target)) {
            target = target.toRealPath();
        } else if (target.getParent() != null && Files.isDirectory(target.getParent())) {
            target = target.getParent().toRealPath().resolve(target.getFileName());
        }
        if (target.getParent() == null) {
            throw new OutputException("refusing to use the file-system root " + target
                    + " as the output directory; choose a directory of its own, for example <project>/output.");
        }
        Path home = realOrNormal(Path.of(System.getProperty("user.home")));
        if (target.equals(home)) {
            throw new OutputException("refusing to use your home directory " + target
                    + " as the output directory; choose a directory of its own, for example <project>/output.");
        }
        Path root = realOrNormal(projectRoot);
        if (root.startsWith(target)) {
            throw new OutputException("refusing to use " + target + " as the output directory: it contains the specs' project "
                    + root + "; choose a directory of its own, for example " + root.resolve("output") + ".");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException("the output directory " + target + " is a file; remove it or choose another output directory.");
        }
        return target;
    }

    private static Path realOrNormal(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        return Files.exists(absolute) ? absolute.toRealPath() : absolute;
    }

    /** Completes or rolls back a swap a killed run left behind, and drops abandoned staging. */
    private static void recover(Path target, Path staging, Path previous) throws IOException {
        if (Files.exists(previous, LinkOption.NOFOLLOW_LINKS) && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            // killed between the two renames: the staged tree was complete, finish the swap
            Files.move(Files.exists(staging) ? staging : previous, target, StandardCopyOption.ATOMIC_MOVE);
        }
        deleteRecursively(previous);
        deleteRecursively(staging);
    }

    /** What the run will do: new contents, the files to write, keep and delete, and the new index. */
    private record Plan(SortedMap<String, byte[]> contents, List<String> written, List<String> unchanged,
                        List<String> deleted, OutputIndex index, boolean indexUnchanged) {

        WriteResult result(Path target) {
            return new WriteResult(target, written, unchanged, deleted);
        }
    }

    private Plan plan(OutputTree tree, Path target) throws OutputException, IOException {
        Path indexFile = target.resolve(OutputIndex.PATH);
        byte[] oldIndexBytes = Files.isRegularFile(indexFile, LinkOption.NOFOLLOW_LINKS) ? Files.readAllBytes(indexFile) : null;
        OutputIndex owned = oldIndexBytes == null ? OutputIndex.empty() : OutputIndex.parse(oldIndexBytes, indexFile.toString());

        SortedMap<String, byte[]> contents = contents(tree);

        List<String> collisions = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            written.addAll(contents.keySet());
        } else {
            Set<String> checkedAncestors = new HashSet<>();
            for (var entry : contents.entrySet()) {
                String path = entry.getKey();
                Path file = target.resolve(path);
                checkAncestors(path, target, owned, contents, checkedAncestors, collisions);
                BasicFileAttributes attributes = attributes(file);
                if (attributes == null) {
                    written.add(path);
                } else if (!owned.files().containsKey(path) || !attributes.isRegularFile()) {
                    collisions.add(file.toString());
                } else if (attributes.size() == entry.getValue().length && Arrays.equals(Files.readAllBytes(file), entry.getValue())) {
                    unchanged.add(path);
                } else {
                    written.add(path);
                }
            }
        }
        if (!collisions.isEmpty()) {
            throw new OutputException("shipshape would overwrite " + (collisions.size() == 1 ? "a file" : "files")
                    + " it does not own: " + String.join(", ", new TreeSet<>(collisions))
                    + "; remove it or choose another output directory.");
        }
        List<String> deleted = new ArrayList<>();
        for (String path : owned.files().keySet()) {
            if (!contents.containsKey(path) && Files.isRegularFile(target.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                deleted.add(path);
            }
        }
        OutputIndex index = OutputIndex.of(contents);
        boolean indexUnchanged = oldIndexBytes != null && Arrays.equals(oldIndexBytes, index.toBytes());
        return new Plan(contents, written, unchanged, deleted, index, indexUnchanged);
    }

    /**
     * Compares an output directory with a tree without changing anything: the CI check that the
     * committed output is what the specs compile to now. A file whose bytes differ from its hash in
     * {@code .shipshape/index.json} was edited by hand; one that matches its hash but not the tree
     * is stale. Files shipshape does not own and does not produce are ignored. The index itself is
     * reported only when every file is right and it still differs.
     *
     * @param tree            what the specs compile to
     * @param outputDirectory the output directory; may be missing (every file is then missing)
     * @return the differences, sorted by path; empty when a write would change nothing
     * @throws OutputException if the index is corrupt
     * @throws IOException     if a file cannot be read
     */
    public List<Drift> drift(OutputTree tree, Path outputDirectory) throws OutputException, IOException {
        Path target = outputDirectory.toAbsolutePath().normalize();
        Path indexFile = target.resolve(OutputIndex.PATH);
        byte[] indexBytes = Files.isRegularFile(indexFile) ? Files.readAllBytes(indexFile) : null;
        OutputIndex owned = indexBytes == null ? OutputIndex.empty() : OutputIndex.parse(indexBytes, indexFile.toString());
        SortedMap<String, byte[]> contents = contents(tree);
        List<Drift> drift = new ArrayList<>();
        for (var entry : contents.entrySet()) {
            Path file = target.resolve(entry.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                drift.add(new Drift(entry.getKey(), Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? Drift.Kind.NOT_OWNED : Drift.Kind.MISSING));
                continue;
            }
            byte[] actual = Files.readAllBytes(file);
            String recorded = owned.files().get(entry.getKey());
            if (recorded == null) {
                drift.add(new Drift(entry.getKey(), Drift.Kind.NOT_OWNED));
            } else if (!recorded.equals(ContentHash.of(actual))) {
                drift.add(new Drift(entry.getKey(), Drift.Kind.EDITED));
            } else if (!Arrays.equals(actual, entry.getValue())) {
                drift.add(new Drift(entry.getKey(), Drift.Kind.STALE));
            }
        }
        for (var entry : owned.files().entrySet()) {
            Path file = target.resolve(entry.getKey());
            if (!contents.containsKey(entry.getKey()) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                drift.add(new Drift(entry.getKey(), Drift.Kind.UNEXPECTED));
            }
        }
        if (drift.isEmpty() && !Arrays.equals(indexBytes, OutputIndex.of(contents).toBytes())) {
            drift.add(new Drift(OutputIndex.PATH, indexBytes == null ? Drift.Kind.MISSING : Drift.Kind.STALE));
        }
        return drift.stream().sorted().toList();
    }

    /** The bytes of every file of the tree as written: with its generated-file header. */
    private SortedMap<String, byte[]> contents(OutputTree tree) {
        SortedMap<String, byte[]> contents = new TreeMap<>();
        tree.files().forEach((path, content) ->
                contents.put(path, header.apply(path, content, tree.sources(path)).getBytes(StandardCharsets.UTF_8)));
        return contents;
    }

    /**
     * The file's attributes, not following a link; {@code null} when there is nothing at the path
     * or it cannot be reached (an ancestor is a file: {@link #checkAncestors} reports that).
     */
    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException absent) {
            return null;
        }
    }

    /**
     * A directory a generated file needs must not be a file, unless it is an owned file going away.
     * Ancestors already in {@code checked} are skipped; the ones checked here are added to it.
     */
    private static void checkAncestors(String path, Path target, OutputIndex owned, SortedMap<String, byte[]> contents,
                                       Set<String> checked, List<String> collisions) {
        int slash = path.indexOf('/');
        while (slash >= 0) {
            String ancestor = path.substring(0, slash);
            if (!checked.add(ancestor)) {
                slash = path.indexOf('/', slash + 1);
                continue;
            }
            Path directory = target.resolve(ancestor);
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)
                    && !(owned.files().containsKey(ancestor) && !contents.containsKey(ancestor))) {
                collisions.add(directory.toString());
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    /**
     * Builds the complete new tree in {@code staging}: the carried-over files, the written files
     * and, last, the index; then flushes what {@code durability} asks for.
     */
    private static void stage(Plan plan, Path target, Path staging, Durability durability) throws IOException {
        try {
            StagingTree directories = new StagingTree(staging);
            if (Files.isDirectory(target)) {
                Set<String> replaced = new TreeSet<>(plan.written);
                replaced.addAll(plan.deleted);
                replaced.add(OutputIndex.PATH);
                carryOver(target, directories, replaced);
            }
            List<Path> written = new ArrayList<>(plan.written.size() + 1);
            for (String path : plan.written) {
                written.add(directories.write(path, plan.contents.get(path)));
            }
            Path index = directories.write(OutputIndex.PATH, plan.index.toBytes());
            if (durability == Durability.FSYNC) {
                written.add(index);
                Flush.all(written, directories.directories());
            } else {
                Flush.file(index);
            }
        } catch (IOException | RuntimeException e) {
            deleteRecursively(staging);
            throw e;
        }
    }

    /**
     * Links every file of the current tree into the staging tree except the replaced ones;
     * keeps empty directories (a user's) but not those that only held replaced files.
     */
    private static void carryOver(Path target, StagingTree staging, Set<String> replaced) throws IOException {
        Files.walkFileTree(target, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                try (var entries = Files.list(directory)) {
                    if (entries.findAny().isEmpty()) {
                        staging.create(target.relativize(directory).toString().replace(directory.getFileSystem().getSeparator(), "/"));
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String relative = target.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (replaced.contains(relative)) {
                    return FileVisitResult.CONTINUE;
                }
                Path copy = staging.prepare(relative);
                if (attributes.isSymbolicLink()) {
                    Files.createSymbolicLink(copy, Files.readSymbolicLink(file));
                } else {
                    try {
                        Files.createLink(copy, file);
                    } catch (UnsupportedOperationException | IOException noHardLinks) {
                        Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Two renames: current → previous, staging → current; then the previous tree goes. */
    private static void swap(Path target, Path staging, Path previous) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Files.move(target, previous, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.move(previous, target, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(staging);
            throw e;
        }
        deleteRecursively(previous);
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}

