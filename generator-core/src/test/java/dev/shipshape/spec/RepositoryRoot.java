package dev.shipshape.spec;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the {@code shipshape.repository.root} property, else up from the working directory. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path path() {
        String property = System.getProperty("shipshape.repository.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("specs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found from " + Path.of("").toAbsolutePath());
    }
}
