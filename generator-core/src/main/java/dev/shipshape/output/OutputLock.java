package dev.shipshape.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;

/**
 * Keeps two runs from writing the same output directory at once: an operating-system file lock
 * ({@link FileChannel#tryLock}, {@code fcntl(F_SETLK)} on Linux) on {@code .shipshape/lock}. The
 * operating system releases it when its process ends, however it ends, so a killed run (even one
 * killed before it wrote anything into the file, which leaves it empty) never blocks the next:
 * whether the file exists or what it holds does not matter, only whether a live process holds
 * the lock. The file is deleted when the run ends. Because a run may have opened the file just
 * before its holder deleted it, a run that gets the lock writes a random token into it and
 * re-reads the file by its path; if the path no longer holds its token, it locked a deleted
 * file and tries again.
 */
final class OutputLock implements AutoCloseable {

    private static final int ATTEMPTS = 5;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @param file            the lock file; created when missing, its directory must exist
     * @param outputDirectory the directory it protects, for the message
     * @throws OutputException if another live run holds it
     * @throws IOException     if the lock file cannot be created or written
     */
    static OutputLock acquire(Path file, Path outputDirectory) throws OutputException, IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = tryLock(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw busy(file, outputDirectory);
            }
            byte[] token = (ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(token), 0);
            if (holds(file, token)) {
                return new OutputLock(file, channel, lock);
            }
            lock.release();
            channel.close();
        }
        throw busy(file, outputDirectory);
    }

    /** Whether the file at the path is the one this run locked: it holds this run's token. */
    private static boolean holds(Path file, byte[] token) throws IOException {
        try {
            return Arrays.equals(Files.readAllBytes(file), token);
        } catch (NoSuchFileException deletedByTheLastHolder) {
            return false;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    private static OutputException busy(Path file, Path outputDirectory) {
        return new OutputException("another shipshape run is writing " + outputDirectory + " (it holds the lock on " + file
                + "); wait for it to finish and run again.");
    }

    /** Deletes the lock file, then releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(file);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
