package dev.shipshape.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Decides whether a directory may be an output directory, on its real path (every symbolic link
 * resolved, so a link to {@code /etc} is judged as {@code /etc}). Refused:
 * <ul>
 *   <li>the file-system root;</li>
 *   <li>system directories and everything in them: {@code /bin}, {@code /boot}, {@code /dev},
 *       {@code /etc}, {@code /lib*}, {@code /proc}, {@code /sbin}, {@code /sys}, {@code /usr}, the
 *       JDK running shipshape ({@code java.home}) and Maven's home ({@code maven.home}), except
 *       what is below {@code /dev/shm} (scratch space like {@code /tmp}); of
 *       {@code /opt}, {@code /run}, {@code /srv} and {@code /var} the directory itself and its
 *       direct subdirectories (build servers keep workspaces deeper in them, for example
 *       {@code /var/lib/jenkins/workspace});</li>
 *   <li>the user's home directory, both the one the password database names ({@code user.home})
 *       and the one {@code $HOME} names, and any directory containing one;</li>
 *   <li>the specs' project directory and any directory containing it;</li>
 *   <li>an existing directory that holds anything while it has no {@code .shipshape/} directory
 *       (the index of a previous run, or an empty one the user made to hand the directory over):
 *       shipshape adds its files only to an empty directory or one that is already its output.</li>
 * </ul>
 */
final class OutputLocation {

    /** Refused with everything below them. */
    private static final List<String> SYSTEM = List.of("/bin", "/boot", "/dev", "/etc", "/proc", "/sbin", "/sys", "/usr");
    /** Inside a refused directory, but scratch space like {@code /tmp}: what is below it may be used. */
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    /** Refused themselves and their direct subdirectories. */
    private static final List<String> SHALLOW_SYSTEM = List.of("/opt", "/run", "/srv", "/var");

    private OutputLocation() {
    }

    /**
     * The real path of the output directory, when shipshape may write it.
     *
     * @param outputDirectory the configured output directory; need not exist
     * @param projectRoot     the directory of the spec files
     * @throws OutputException naming the reason and what to do, when it is refused
     */
    static Path checked(Path outputDirectory, Path projectRoot) throws OutputException, IOException {
        Path target = real(outputDirectory);
        if (Files.isSymbolicLink(target)) {
            throw new OutputException("the output directory " + target + " is a symbolic link to " + Files.readSymbolicLink(target)
                    + ", which does not exist; create the directory it points to, or remove the link.");
        }
        if (target.getParent() == null) {
            throw refused(target, "it is the file-system root");
        }
        for (var home : homes().entrySet()) {
            if (home.getValue().startsWith(target)) {
                throw refused(target, (home.getValue().equals(target) ? "it is your home directory" : "it contains your home directory "
                        + home.getValue()) + " (" + home.getKey() + ")");
            }
        }
        boolean scratch = target.startsWith(SHARED_MEMORY) && !target.equals(SHARED_MEMORY);
        for (var system : systemDirectories().entrySet()) {
            if (!scratch && target.startsWith(system.getKey()) && target.getNameCount() - system.getKey().getNameCount() <= system.getValue()) {
                throw refused(target, "it is a system directory or inside one (" + system.getKey() + ")");
            }
        }
        Path root = real(projectRoot);
        if (root.startsWith(target)) {
            throw refused(target, "it contains the specs' project " + root);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new OutputException("the output directory " + target + " is a file; remove it or choose another output directory.");
        }
        checkHandedOver(target);
        return target;
    }

    /** A non-empty directory must be shipshape's already: it has a {@code .shipshape} directory. */
    private static void checkHandedOver(Path target) throws OutputException, IOException {
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path own = target.resolve(".shipshape");
        if (Files.isSymbolicLink(own)) {
            throw new OutputException(own + " is a symbolic link; shipshape keeps its index there and does not follow it out of "
                    + "the output directory. Replace it with the directory it points to, or delete it.");
        }
        if (Files.isDirectory(own, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<String> names;
        try (Stream<Path> entries = Files.list(target)) {
            names = entries.map(entry -> entry.getFileName().toString()).sorted().limit(4).toList();
        }
        if (!names.isEmpty()) {
            throw refused(target, "it holds files shipshape did not write (" + String.join(", ", names)
                    + (names.size() == 4 ? ", ..." : "") + ") and no " + OutputIndex.PATH
                    + "; to let shipshape add its files beside them, create the empty directory " + own);
        }
    }

    private static OutputException refused(Path target, String reason) {
        return new OutputException("refusing to use " + target + " as the output directory: " + reason
                + ". Choose a directory of its own, for example <project>/output.");
    }

    /** The user's home directories, real paths, by where each was found. */
    private static Map<String, Path> homes() throws IOException {
        Map<String, Path> homes = new LinkedHashMap<>();
        put(homes, "user.home", System.getProperty("user.home"));
        put(homes, "$HOME", System.getenv("HOME"));
        return homes;
    }

    /** Refused directories, real paths, with how many levels below each are refused too. */
    private static Map<Path, Integer> systemDirectories() throws IOException {
        Map<Path, Integer> directories = new LinkedHashMap<>();
        List<Path> deep = new ArrayList<>();
        SYSTEM.forEach(name -> deep.add(Path.of(name)));
        try (Stream<Path> top = Files.list(Path.of("/"))) {
            top.filter(entry -> entry.getFileName().toString().startsWith("lib")).forEach(deep::add);
        } catch (IOException unlistable) {
            deep.add(Path.of("/lib"));
        }
        Map<String, Path> homes = new LinkedHashMap<>();
        put(homes, "java.home", System.getProperty("java.home"));
        put(homes, "maven.home", System.getProperty("maven.home"));
        deep.addAll(homes.values());
        for (Path directory : deep) {
            directories.put(real(directory), Integer.MAX_VALUE);
            directories.put(directory.toAbsolutePath().normalize(), Integer.MAX_VALUE);
        }
        for (String name : SHALLOW_SYSTEM) {
            directories.putIfAbsent(real(Path.of(name)), 1);
            directories.putIfAbsent(Path.of(name), 1);
        }
        return directories;
    }

    /** Records an absolute path; a missing or relative value (the JDK's {@code user.home} is {@code ?} without a passwd entry) names nothing. */
    private static void put(Map<String, Path> paths, String source, String value) throws IOException {
        if (value != null && !value.isBlank() && !value.equals("?") && Path.of(value).isAbsolute()) {
            paths.put(source, real(Path.of(value)));
        }
    }

    /**
     * The real path: of the path itself when it exists, else of its deepest existing ancestor with
     * the missing rest appended (normalized: {@code ..} cannot lead back out through a link).
     */
    static Path real(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    }
}
