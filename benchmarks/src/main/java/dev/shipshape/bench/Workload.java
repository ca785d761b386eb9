package dev.shipshape.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One benchmarked application: its spec file in a directory of its own (a copy of a shipped spec,
 * or a {@link SyntheticSpec}), so that benchmarks never write next to the repository's specs.
 *
 * <p>Names: {@code acme}, {@code foobar}, {@code lofocats}, {@code todoozle} (the specs in
 * {@code specs/}, each with its own folder of sops files when it has one) and {@code synthetic-<n>} ({@link SyntheticSpec} of {@code n} components).
 *
 * @param name      the workload name
 * @param directory the workload's own directory: {@code specs/} holds the spec, the rest is scratch space
 * @param specFile  the spec file inside {@code directory/specs}
 */
public record Workload(String name, Path directory, Path specFile) {

    private static final String SYNTHETIC = "synthetic-";

    /**
     * Prepares a workload in a new temporary directory.
     *
     * @param name a workload name (see the class description)
     * @return the workload; delete it with {@link #delete()}
     * @throws IllegalArgumentException for an unknown name
     * @throws UncheckedIOException     if the spec cannot be copied or written
     */
    public static Workload prepare(String name) {
        try {
            Path directory = Files.createTempDirectory("shipshape-bench-" + name + "-");
            Path specs = Files.createDirectories(directory.resolve("specs"));
            Path file;
            if (name.startsWith(SYNTHETIC)) {
                file = new SyntheticSpec(Integer.parseInt(name.substring(SYNTHETIC.length()))).writeTo(specs);
            } else {
                Path shipped = repositoryRoot().resolve("specs").resolve(name + ".yaml");
                if (!Files.isRegularFile(shipped)) {
                    throw new IllegalArgumentException("no shipped spec " + shipped + "; workloads are the specs in specs/ and synthetic-<n>");
                }
                file = Files.copy(shipped, specs.resolve(shipped.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                copyTree(shipped.resolveSibling(name), specs.resolve(name));
            }
            return new Workload(name, directory, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare workload " + name, e);
        }
    }

    /** Copies a spec's own folder (its sops files: {@code specs/todoozle/}) when it has one. */
    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.sorted().toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The spec files, as the facade takes them. */
    public List<Path> specFiles() {
        return List.of(specFile);
    }

    /** A scratch path inside the workload directory (not created). */
    public Path scratch(String child) {
        return directory.resolve(child);
    }

    /** Deletes the workload directory and everything in it. */
    public void delete() {
        deleteTree(directory);
    }

    /**
     * Deletes a directory tree; a missing path is fine.
     *
     * @throws UncheckedIOException if a file cannot be deleted
     */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /**
     * The repository root: the {@code shipshape.repository.root} system property, else the first
     * directory upwards from the working directory that holds {@code specs/acme.yaml}.
     */
    static Path repositoryRoot() {
        String property = System.getProperty("shipshape.repository.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("specs/acme.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a directory with specs/acme.yaml); "
                + "run from the repository or pass -Dshipshape.repository.root=<dir> (JMH: -jvmArgsAppend -Dshipshape.repository.root=<dir>)");
    }
}
