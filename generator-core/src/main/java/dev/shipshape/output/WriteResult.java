package dev.shipshape.output;

import java.nio.file.Path;
import java.util.List;

/**
 * What a write did to the output directory; paths relative to it, with {@code /}, sorted.
 *
 * @param outputDirectory the directory written
 * @param written         files created or changed
 * @param unchanged       files already up to date (not rewritten, modification time kept)
 * @param deleted         owned files that are no longer produced, removed
 */
public record WriteResult(Path outputDirectory, List<String> written, List<String> unchanged, List<String> deleted) {

    public WriteResult {
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
    }

    /** Whether the run changed anything on disk. */
    public boolean changed() {
        return !written.isEmpty() || !deleted.isEmpty();
    }
}
