package dev.shipshape.output;

import dev.shipshape.Parallel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Flushes files and directories to disk ({@link FileChannel#force}: {@code fsync(2)} on POSIX
 * systems) for {@link OutputWriter}. A directory is flushed so that the entries created or
 * renamed in it survive a power loss, as POSIX requires a separate {@code fsync} of the directory
 * for that.
 */
final class Flush {

    /**
     * Flushes issued at once by {@link #all}: enough for a journaling file system (ext4's jbd2,
     * XFS) to group many into one journal commit; the threads wait on the disk, not the CPU.
     */
    private static final int THREADS = 8;

    private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private Flush() {
    }

    /** Flushes one file's content and metadata. */
    static void file(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Flushes a directory's entries. Windows cannot open a directory as a file; NTFS journals
     * directory entries itself, so there it does nothing.
     */
    static void directory(Path directory) throws IOException {
        if (WINDOWS) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Flushes every file and directory, several at a time, and returns when all are on disk.
     *
     * @throws IOException the first failure; the other flushes still complete
     */
    static void all(Collection<Path> files, Collection<Path> directories) throws IOException {
        List<Path> all = new ArrayList<>(files.size() + directories.size());
        all.addAll(files);
        all.addAll(directories);
        int firstDirectory = files.size();
        List<IOException> failures = Parallel.map(java.util.stream.IntStream.range(0, all.size()).boxed().toList(), THREADS, i -> {
            try {
                if (i < firstDirectory) {
                    file(all.get(i));
                } else {
                    directory(all.get(i));
                }
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        for (IOException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
