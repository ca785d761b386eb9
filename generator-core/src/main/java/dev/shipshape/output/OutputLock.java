package dev.shipshape.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Keeps two runs from writing the same output directory at once. The lock is a file beside the
 * output directory, created exclusively and held with an operating-system file lock, so a run
 * that was killed leaves a lock nobody holds, which the next run takes over; it is deleted when
 * the run ends. The file holds the owner's process id and a random token, which tells a stale
 * lock file from one another run has just replaced.
 */
final class OutputLock implements AutoCloseable {

    private static final int ATTEMPTS = 3;

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
     * @param file            the lock file
     * @param outputDirectory the directory it protects, for the message
     * @throws OutputException if another run holds it
     * @throws IOException     if the lock file cannot be created
     */
    static OutputLock acquire(Path file, Path outputDirectory) throws OutputException, IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException exists) {
                removeIfStale(file, outputDirectory);
                continue;
            }
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw busy(file, outputDirectory);
            }
            String token = ProcessHandle.current().pid() + " " + UUID.randomUUID() + "\n";
            channel.write(ByteBuffer.wrap(token.getBytes(StandardCharsets.UTF_8)));
            return new OutputLock(file, channel, lock);
        }
        throw busy(file, outputDirectory);
    }

    /** Deletes a lock file no live run holds; throws if a run holds it. */
    private static void removeIfStale(Path file, Path outputDirectory) throws OutputException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw busy(file, outputDirectory);
            }
            try {
                ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
                channel.read(buffer, 0);
                String held = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                // empty: its creator has not locked it yet; otherwise check the path still names this file
                if (held.isEmpty()) {
                    throw busy(file, outputDirectory);
                }
                if (held.equals(Files.readString(file, StandardCharsets.UTF_8))) {
                    Files.delete(file);
                }
            } finally {
                lock.release();
            }
        } catch (NoSuchFileException gone) {
            // the holder finished meanwhile; try again
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
        return new OutputException("another shipshape run is writing " + outputDirectory + " (lock file " + file
                + "); wait for it to finish and run again. If no run is active, delete the lock file.");
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
