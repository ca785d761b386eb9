package dev.shipshape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The state of a directory tree for byte-for-byte comparisons: every entry by relative path
 * ({@code /} separators, hidden files included, symbolic links not followed) mapped to
 * {@code dir}, {@code -> target} for a link, or the SHA-256 of a file's bytes.
 */
final class TreeSnapshot {

    private TreeSnapshot() {
    }

    /** The snapshot of {@code root}; empty if it does not exist. */
    static SortedMap<String, String> of(Path root) {
        SortedMap<String, String> entries = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return entries;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(p -> !p.equals(root)).toList()) {
                String relative = root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
                if (Files.isSymbolicLink(path)) {
                    entries.put(relative, "-> " + Files.readSymbolicLink(path));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(relative, "dir");
                } else {
                    entries.put(relative, sha256(Files.readAllBytes(path)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
