package dev.shipshape.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps two runs from writing the same output directory at once: an operating-system file lock
 * ({@link FileChannel#tryLock}, {@code fcntl(F_SETLK)} on Linux) on {@code .shipshape/lock}. The
 * operating system releases it when its process ends, however it ends, so a killed run never
 * blocks the next: whether the file exists or what it holds does not matter, only whether a live
 * process holds the lock. The file stays, empty: deleting it while another run may be opening it
 * would let that run lock a deleted file while a third creates and locks a new one. Nothing else
 * in this JVM may open the file, since closing any descriptor of it releases a POSIX lock.
 */
final class OutputLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock.
     *
     * @param file            the lock file; created when missing, its directory must exist
     * @param outputDirectory the directory it protects, for the message
     * @throws OutputException if another live run holds it
     * @throws IOException     if the lock file cannot be created
     */
    static OutputLock acquire(Path file, Path outputDirectory) throws OutputException, IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new OutputException("another shipshape run is writing " + outputDirectory + " (it holds the lock on " + file
                    + "); wait for it to finish and run again.");
        }
        return new OutputLock(channel, lock);
    }

    /** Releases the lock; the file stays. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
