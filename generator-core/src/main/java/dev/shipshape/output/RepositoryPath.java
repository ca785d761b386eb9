package dev.shipshape.output;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where an output directory is inside the Git repository that holds it, the path Flux objects
 * name ({@code spec.path} of a Kustomization, {@code chart} of a HelmRelease): Flux reads paths
 * relative to the root of the repository it cloned, not to the project that ran shipshape.
 *
 * <p>The repository is the nearest directory at or above the output directory holding a
 * {@code .git} entry (a directory, or the file a linked work tree or submodule has), as
 * {@code git rev-parse --show-toplevel} finds it. Without one, the project directory stands in for
 * the repository root (a project that is committed as a whole, or not yet).
 */
public final class RepositoryPath {

    private RepositoryPath() {
    }

    /**
     * The output directory's path inside its repository, with {@code /} separators and without
     * {@code ./}: {@code output}, {@code deploy/gitops}, or {@code ""} when the output directory is
     * the repository's root.
     *
     * @param outputDirectory  the output directory; it need not exist yet
     * @param projectDirectory the directory of the project (for Maven its {@code basedir}), used when no
     *                         Git repository holds the output directory
     * @return the path, or empty when the output directory is neither in a Git repository nor in the
     *         project directory, so its place in the repository Flux clones is unknown
     */
    public static Optional<String> of(Path outputDirectory, Path projectDirectory) {
        Path output = outputDirectory.toAbsolutePath().normalize();
        for (Path directory = output; directory != null; directory = directory.getParent()) {
            if (Files.exists(directory.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(relative(directory, output));
            }
        }
        Path project = projectDirectory.toAbsolutePath().normalize();
        return output.startsWith(project) ? Optional.of(relative(project, output)) : Optional.empty();
    }

    private static String relative(Path root, Path output) {
        return root.relativize(output).toString().replace(output.getFileSystem().getSeparator(), "/");
    }
}
