package dev.shipshape.output;

import dev.shipshape.output.WriteSteps.Step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes an {@link OutputTree} into an output directory that belongs to the user:
 * <ul>
 *   <li><b>ownership</b>: {@code .shipshape/index.json} lists the files shipshape owns with their
 *       hashes ({@link OutputIndex}); a file it does not own is never overwritten or deleted (a
 *       generated path that collides with one is an error), owned files no longer produced are
 *       deleted, and directories left empty by that disappear. The output directory itself and
 *       every existing subdirectory are never moved, replaced or re-created, so their identity
 *       (inode, mount), mode, owner, group and ACLs stay as they are;</li>
 *   <li><b>edits are kept</b>: an owned file whose bytes are no longer those the index records
 *       (edited by hand) is an error naming it, nothing is written; a file that changes while the
 *       run writes (created at a generated path, or an owned file replaced or edited) is left as the
 *       user left it and named in an error once the run has written everything else;</li>
 *   <li><b>idempotence</b>: identical files are not rewritten; when nothing changed, nothing on
 *       disk is touched (modification times included);</li>
 *   <li><b>atomicity per file, recovery per run</b>: every new content is first written to a
 *       temporary file beside its target ({@code .<name>.shipshape-tmp}); only when all are written
 *       is each renamed over its target (a new file is hard-linked into place, which fails instead
 *       of replacing a file that appeared meanwhile). Each file is therefore always either its old
 *       or its new version. Before the first change an intent journal ({@link OutputJournal}) is
 *       written, and it is deleted after the new index; while it exists the tree may be a mix,
 *       which {@code check} reports ({@link Drift.Kind#INTERRUPTED}) and the next run completes. A
 *       run that fails before the renames (a full disk) removes its temporary files and leaves
 *       every file as it was;</li>
 *   <li><b>durability</b>: the journal and the index are flushed to disk; with
 *       {@link Durability#FSYNC} every written file and directory too ({@link Durability});</li>
 *   <li><b>exclusion</b>: an operating-system lock on {@code .shipshape/lock} (an empty file that
 *       stays) keeps two runs apart and is released by the operating system when a run dies
 *       ({@link OutputLock});</li>
 *   <li><b>refusals</b>: the real path of the directory is checked before anything is created:
 *       the root, system directories, the home directory, the specs' project and non-empty
 *       directories that are not shipshape's are refused ({@link OutputLocation}).</li>
 * </ul>
 * Generated YAML, Markdown and Helm template files get a {@link GeneratedHeader} line.
 */
public final class OutputWriter {

    /** shipshape's own directory inside the output directory: index, journal, lock. */
    private static final String OWN = ".shipshape";
    private static final String LOCK = OWN + "/lock";
    private static final String TEMPORARY_SUFFIX = ".shipshape-tmp";

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
     * @param durability      what is flushed to disk
     * @return what changed
     * @throws OutputException for a refused directory, a collision with a file shipshape does not own,
     *                         an owned file edited by hand, a corrupt index or a concurrent run — nothing
     *                         is written then; or, after the rest was written, for files that changed
     *                         while the run wrote (they are kept as they are)
     * @throws IOException     when the file system fails; before the renames every file is left as it was,
     *                         after them the next run completes the write
     */
    public WriteResult write(OutputTree tree, Path outputDirectory, Path projectRoot, Durability durability)
            throws OutputException, IOException {
        Path target = OutputLocation.checked(outputDirectory, projectRoot);
        Path own = target.resolve(OWN);
        List<Path> created = createDirectories(own);
        WriteResult result;
        try {
            try (OutputLock lock = OutputLock.acquire(target.resolve(LOCK), target)) {
                WriteSteps.before(Step.LOCKED, LOCK);
                OutputIndex owned = recover(target, durability);
                // a directory this run created held nothing a moment ago: no file in it to compare
                Plan plan = plan(tree, target, owned, created.contains(target));
                result = plan.result(target);
                if (!plan.written.isEmpty() || !plan.deleted.isEmpty() || !plan.indexUnchanged) {
                    apply(plan, target, owned, durability);
                }
            }
        } catch (OutputException | IOException | RuntimeException e) {
            removeIfEmpty(created); // a refused first run leaves no trace
            throw e;
        }
        return result;
    }

    /**
     * Completes what a killed or failed run left: drops its temporary files, records in the index
     * the state each journalled file is in, and deletes the journal.
     */
    private static OutputIndex recover(Path target, Durability durability) throws OutputException, IOException {
        OutputIndex index = readIndex(target);
        OutputJournal journal = OutputJournal.read(target);
        Files.deleteIfExists(temporary(target.resolve(OutputJournal.PATH)));
        Files.deleteIfExists(temporary(target.resolve(OutputIndex.PATH)));
        if (journal == null) {
            return index;
        }
        for (String path : journal.writes().keySet()) {
            Path file = target.resolve(path);
            Files.deleteIfExists(temporary(file));
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                removeEmptyParents(file.getParent(), target); // made for a file the run did not get to
            }
        }
        OutputIndex recovered = journal.recover(index, target);
        replaceAtomically(target.resolve(OutputIndex.PATH), recovered.toBytes(), durability);
        Files.delete(target.resolve(OutputJournal.PATH));
        return recovered;
    }

    private static OutputIndex readIndex(Path target) throws OutputException, IOException {
        Path indexFile = target.resolve(OutputIndex.PATH);
        return Files.isRegularFile(indexFile, LinkOption.NOFOLLOW_LINKS)
                ? OutputIndex.parse(Files.readAllBytes(indexFile), indexFile.toString()) : OutputIndex.empty();
    }

    /**
     * What a file was when the run planned: {@code null} for nothing there. A rename or an
     * editor's save changes the file key (inode), a write its size or modification time.
     */
    private record Seen(Object fileKey, long size, FileTime modified) {

        static Seen of(BasicFileAttributes attributes) {
            return attributes == null ? null : new Seen(attributes.fileKey(), attributes.size(), attributes.lastModifiedTime());
        }
    }

    /** What the run will do: new contents, the files to write, keep and delete, and the new index. */
    private record Plan(SortedMap<String, byte[]> contents, List<String> written, List<String> unchanged,
                        List<String> deleted, Map<String, Seen> seen, OutputIndex index, boolean indexUnchanged) {

        WriteResult result(Path target) {
            return new WriteResult(target, written, unchanged, deleted);
        }
    }

    private Plan plan(OutputTree tree, Path target, OutputIndex owned, boolean created) throws OutputException, IOException {
        SortedMap<String, byte[]> contents = contents(tree);
        List<String> collisions = new ArrayList<>();
        List<String> edited = new ArrayList<>();
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Map<String, Seen> seen = new HashMap<>();
        Map<String, Boolean> ancestors = new HashMap<>();
        for (var entry : contents.entrySet()) {
            String path = entry.getKey();
            Path file = target.resolve(path);
            if (created) {
                written.add(path);
                seen.put(path, null); // checked again just before its link, like every new file
                continue;
            }
            if (!reachable(path, target, ancestors, collisions)) {
                continue;
            }
            BasicFileAttributes attributes = attributes(file);
            if (attributes == null) {
                written.add(path);
                seen.put(path, null);
            } else if (!owned.files().containsKey(path) || !attributes.isRegularFile()) {
                collisions.add(file.toString());
            } else {
                byte[] current = Files.readAllBytes(file);
                if (Arrays.equals(current, entry.getValue())) {
                    unchanged.add(path);
                } else if (editedByHand(current, owned.files().get(path))) {
                    edited.add(file.toString());
                } else {
                    written.add(path);
                    seen.put(path, Seen.of(attributes));
                }
            }
        }
        if (!collisions.isEmpty()) {
            throw new OutputException("shipshape would overwrite " + (collisions.size() == 1 ? "a file" : "files")
                    + " it does not own, or write through a link or a file where it generates a directory: "
                    + String.join(", ", new TreeSet<>(collisions)) + "; remove it or choose another output directory.");
        }
        List<String> deleted = new ArrayList<>();
        for (var entry : owned.files().entrySet()) {
            String path = entry.getKey();
            if (contents.containsKey(path) || !reachable(path, target, ancestors, new ArrayList<>())) {
                continue;
            }
            Path file = target.resolve(path);
            BasicFileAttributes attributes = attributes(file);
            if (attributes == null || !attributes.isRegularFile()) {
                continue; // gone (or replaced by a directory or link of the user's): no longer shipshape's
            }
            if (editedByHand(Files.readAllBytes(file), entry.getValue())) {
                edited.add(file.toString());
            } else {
                deleted.add(path);
                seen.put(path, Seen.of(attributes));
            }
        }
        if (!edited.isEmpty()) {
            throw new OutputException("shipshape will not overwrite or delete " + (edited.size() == 1 ? "a file" : "files")
                    + " changed since it wrote " + (edited.size() == 1 ? "it" : "them") + " (the content is not the one "
                    + OutputIndex.PATH + " records): " + String.join(", ", edited)
                    + "; move the change into the spec, then restore the file (git checkout) or delete it, and run again.");
        }
        OutputIndex index = OutputIndex.of(contents);
        Path indexFile = target.resolve(OutputIndex.PATH);
        boolean indexUnchanged = Files.isRegularFile(indexFile, LinkOption.NOFOLLOW_LINKS)
                && Arrays.equals(Files.readAllBytes(indexFile), index.toBytes());
        return new Plan(contents, written, unchanged, deleted, seen, index, indexUnchanged);
    }

    /**
     * Whether an owned file's bytes are a change of the user's: they are not what the index
     * records. An empty file is not: a power loss after an {@link Durability#ATOMIC} run can leave
     * a file empty, and there is nothing in it to lose.
     */
    private static boolean editedByHand(byte[] current, String recorded) {
        return current.length > 0 && !ContentHash.of(current).equals(recorded);
    }

    /**
     * Compares an output directory with a tree without changing anything: the CI check that the
     * committed output is what the specs compile to now. A file whose bytes differ from its hash in
     * {@code .shipshape/index.json} was edited by hand; one that matches its hash but not the tree
     * is stale. Files shipshape does not own and does not produce are ignored. The index itself is
     * reported only when every file is right and it still differs. When a run was interrupted
     * ({@code .shipshape/journal} exists) that is reported, and each file it touched is judged by
     * the state the journal says it is in.
     *
     * @param tree            what the specs compile to
     * @param outputDirectory the output directory; may be missing (every file is then missing)
     * @return the differences, sorted by path; empty when a write would change nothing
     * @throws OutputException if the index or journal is corrupt
     * @throws IOException     if a file cannot be read
     */
    public List<Drift> drift(OutputTree tree, Path outputDirectory) throws OutputException, IOException {
        Path target = outputDirectory.toAbsolutePath().normalize();
        Path indexFile = target.resolve(OutputIndex.PATH);
        byte[] indexBytes = Files.isRegularFile(indexFile) ? Files.readAllBytes(indexFile) : null;
        OutputIndex owned = indexBytes == null ? OutputIndex.empty() : OutputIndex.parse(indexBytes, indexFile.toString());
        List<Drift> drift = new ArrayList<>();
        OutputJournal journal = OutputJournal.read(target);
        if (journal != null) {
            owned = journal.recover(owned, target);
            drift.add(new Drift(OutputJournal.PATH, Drift.Kind.INTERRUPTED));
        }
        SortedMap<String, byte[]> contents = contents(tree);
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
     * or it cannot be reached.
     */
    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException absent) {
            return null;
        }
    }

    /**
     * Whether every directory on the way to {@code path} is a real directory or missing, so that
     * nothing is read, written or deleted through a link out of the output directory. A file or a
     * link on the way is a collision (one shipshape wrote itself too: it would have to delete it
     * before it could stage the directory, which a failing run could not undo). Each ancestor is
     * looked up once: {@code ancestors} holds the answers so far.
     */
    private static boolean reachable(String path, Path target, Map<String, Boolean> ancestors, List<String> collisions) {
        boolean reachable = true;
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String ancestor = path.substring(0, slash);
            Boolean directory = ancestors.get(ancestor);
            if (directory == null) {
                BasicFileAttributes attributes = attributes(target.resolve(ancestor));
                directory = attributes == null || attributes.isDirectory();
                ancestors.put(ancestor, directory);
                if (!directory) {
                    collisions.add(target.resolve(ancestor).toString());
                }
            }
            reachable &= directory;
        }
        return reachable;
    }

    /**
     * Journal, temporary files, renames, deletions, index, journal gone. Before the renames any
     * failure undoes what the run made; after them the journal stays for {@link #recover}, which
     * runs at once.
     */
    private static void apply(Plan plan, Path target, OutputIndex owned, Durability durability) throws OutputException, IOException {
        SortedMap<String, String> intents = new TreeMap<>();
        plan.written.forEach(path -> intents.put(path, plan.index.files().get(path)));
        Path journalFile = target.resolve(OutputJournal.PATH);
        WriteSteps.before(Step.JOURNAL, OutputJournal.PATH);
        replaceAtomically(journalFile, new OutputJournal(intents, plan.deleted).toBytes(), durability);

        List<Path> temporaries = new ArrayList<>(plan.written.size());
        List<Path> createdDirectories = new ArrayList<>();
        Set<Path> knownDirectories = new HashSet<>();
        try {
            for (String path : plan.written) {
                Path file = target.resolve(path);
                if (knownDirectories.add(file.getParent())) {
                    createdDirectories.addAll(createDirectories(file.getParent()));
                }
                WriteSteps.before(Step.TEMPORARY, path);
                Path temporary = temporary(file);
                Files.write(temporary, plan.contents.get(path), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                temporaries.add(temporary);
            }
            if (durability == Durability.FSYNC) {
                Flush.all(temporaries, createdDirectories);
            }
        } catch (IOException | RuntimeException e) {
            for (Path temporary : temporaries) {
                Files.deleteIfExists(temporary);
            }
            removeIfEmpty(createdDirectories);
            Files.deleteIfExists(journalFile);
            throw e;
        }

        List<String> kept = new ArrayList<>();
        Set<Path> changedDirectories = new LinkedHashSet<>();
        try {
            for (String path : plan.written) {
                WriteSteps.before(Step.REPLACE, path);
                Path file = target.resolve(path);
                if (!replace(temporary(file), file, plan.seen.get(path))) {
                    kept.add(path);
                }
                changedDirectories.add(file.getParent());
            }
            for (String path : plan.deleted) {
                WriteSteps.before(Step.DELETE, path);
                Path file = target.resolve(path);
                if (!Objects.equals(plan.seen.get(path), Seen.of(attributes(file)))) {
                    kept.add(path);
                    continue;
                }
                Files.delete(file);
                changedDirectories.add(removeEmptyParents(file.getParent(), target));
            }
            SortedMap<String, String> index = new TreeMap<>(plan.index.files());
            for (String path : kept) {
                index.remove(path);
                if (owned.files().containsKey(path)) {
                    index.put(path, owned.files().get(path)); // still the version shipshape wrote last, now edited
                }
            }
            WriteSteps.before(Step.INDEX, OutputIndex.PATH);
            replaceAtomically(target.resolve(OutputIndex.PATH), new OutputIndex(index).toBytes(), durability);
            if (durability == Durability.FSYNC) {
                Flush.all(List.of(), changedDirectories);
            }
            WriteSteps.before(Step.FINISH, OutputJournal.PATH);
            Files.delete(journalFile);
        } catch (IOException | RuntimeException e) {
            for (Path temporary : temporaries) {
                Files.deleteIfExists(temporary);
            }
            try {
                recover(target, durability);
            } catch (IOException | OutputException | RuntimeException recovery) {
                e.addSuppressed(recovery);
            }
            throw e;
        }
        if (!kept.isEmpty()) {
            throw new OutputException((kept.size() == 1 ? "a file" : "files") + " changed in " + target
                    + " while shipshape was writing it and " + (kept.size() == 1 ? "was" : "were") + " kept as they are: "
                    + String.join(", ", kept) + "; everything else is written. Check the change, then run generate again.");
        }
    }

    /**
     * Puts a temporary file in the place of its target, unless the target is no longer what the
     * plan saw. A new file is hard-linked into place, which fails rather than replace a file that
     * appeared meanwhile; an existing one is renamed over.
     *
     * @return whether the target now has the new content; if not, the temporary file is gone and the target untouched
     */
    private static boolean replace(Path temporary, Path file, Seen seen) throws IOException {
        if (!Objects.equals(seen, Seen.of(attributes(file)))) {
            Files.delete(temporary);
            return false;
        }
        if (seen != null) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException appeared) {
            Files.delete(temporary);
            return false;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(temporary);
                return false;
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
        Files.delete(temporary);
        return true;
    }

    /** Writes a file of shipshape's own ({@code .shipshape/}) whole: temporary file, flush, rename. */
    private static void replaceAtomically(Path file, byte[] content, Durability durability) throws IOException {
        Path temporary = temporary(file);
        Files.write(temporary, content);
        Flush.file(temporary);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (durability == Durability.FSYNC) {
            Flush.directory(file.getParent());
        }
    }

    /** The temporary file beside a target: {@code .<name>.shipshape-tmp}. */
    private static Path temporary(Path file) {
        return file.resolveSibling("." + file.getFileName() + TEMPORARY_SUFFIX);
    }

    /**
     * Creates a directory and its missing parents, leaving existing ones as they are.
     *
     * @return the directories it created, outermost first
     */
    private static List<Path> createDirectories(Path directory) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path path = directory; path != null && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS); path = path.getParent()) {
            missing.add(0, path);
        }
        List<Path> created = new ArrayList<>(missing.size());
        for (Path path : missing) {
            try {
                Files.createDirectory(path);
                created.add(path);
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw raced;
                }
            }
        }
        return created;
    }

    /** Deletes the directories that are empty, innermost first. */
    private static void removeIfEmpty(List<Path> directories) throws IOException {
        for (int i = directories.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(directories.get(i));
            } catch (DirectoryNotEmptyException inUse) {
                // holds something of the user's or of another step: kept
            }
        }
    }

    /** Deletes the directory and its ancestors below {@code target} while they are empty; returns the first one kept. */
    private static Path removeEmptyParents(Path directory, Path target) throws IOException {
        Path current = directory;
        while (!current.equals(target) && current.startsWith(target)) {
            try {
                Files.deleteIfExists(current);
            } catch (DirectoryNotEmptyException inUse) {
                return current;
            }
            current = current.getParent();
        }
        return current;
    }
}
