package dev.shipshape.policy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root for tests: the {@code shipshape.repository.root} property, else the nearest parent with {@code policies/}. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path path() {
        String property = System.getProperty("shipshape.repository.root");
        if (property != null && Files.isDirectory(Path.of(property, "policies"))) {
            return Path.of(property);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("policies"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (a directory with policies/)");
        }
        return dir;
    }
}
