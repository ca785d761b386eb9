package dev.shipshape;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Copies of a shipped spec ({@code specs/<name>.yaml}) with the files it reads relative to itself:
 * the folder {@code specs/<stem>/} (todoozle's sops-encrypted Secrets), when there is one.
 */
final class ShippedSpecs {

    private ShippedSpecs() {
    }

    /**
     * Copies {@code specs/<name>} to {@code target} and {@code specs/<stem>/} next to it.
     *
     * @return the copy of the spec
     */
    static Path copy(Path repositoryRoot, String name, Path target) throws IOException {
        Path source = repositoryRoot.resolve("specs").resolve(name);
        Files.copy(source, target);
        copyFolderOf(source, target.getParent());
        return target;
    }

    /** Copies the folder {@code <stem>/} next to {@code spec}, if any, into {@code directory}. */
    static void copyFolderOf(Path spec, Path directory) throws IOException {
        String stem = spec.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path folder = spec.resolveSibling(stem);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted().toList()) {
                Path copy = directory.resolve(stem).resolve(folder.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
