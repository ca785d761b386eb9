package dev.shipshape;

import dev.shipshape.policy.PolicySettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fingerprint of everything a {@link Shipshape#generate} run's output depends on: the
 * generator (this shipshape's version and whatever the front end adds to name its build, such
 * as the plugin's artifacts), the spec files' paths and bytes with those of the sops files they
 * name ({@link #sopsPaths}), the output directory, and the
 * policy settings with the bytes of every file in the user's rule directories. Two runs with the
 * same fingerprint write the same output, which is what lets a front end skip an up-to-date run
 * ({@link UpToDate}). Computing it reads only those files and loads
 * none of the compiler's libraries.
 */
public final class InputFingerprint {

    private InputFingerprint() {
    }

    /**
     * {@code sha256:<hex>} over the inputs, each length-prefixed so that no two input sets share
     * a byte stream.
     *
     * @param specFiles       the spec files, in any order
     * @param outputDirectory the output directory
     * @param deliveryPath    the output directory's path in the repository ({@link Shipshape#Shipshape(PolicySettings, String)})
     * @param settings        the policy settings
     * @param generator       what identifies the generator's build beyond {@link Shipshape#version()},
     *                        for example {@code group:artifact:version size mtime} of each plugin artifact
     * @throws IOException if a spec file or a rule file cannot be read
     */
    public static String of(List<Path> specFiles, Path outputDirectory, String deliveryPath, PolicySettings settings,
                            List<String> generator)
            throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        update(digest, "shipshape " + Shipshape.version());
        for (String part : generator) {
            update(digest, "generator " + part);
        }
        for (Path file : specFiles.stream().map(path -> path.toAbsolutePath().normalize()).sorted().distinct().toList()) {
            update(digest, "spec " + file);
            byte[] spec = Files.readAllBytes(file);
            update(digest, spec);
            for (String path : sopsPaths(new String(spec, StandardCharsets.UTF_8))) {
                update(digest, "sops " + path);
                try {
                    Path sops = file.getParent().resolve(path).normalize();
                    update(digest, Files.isRegularFile(sops) ? Files.readAllBytes(sops) : new byte[0]);
                } catch (java.nio.file.InvalidPathException e) {
                    update(digest, new byte[0]); // not a path: the loader reports it
                }
            }
        }
        update(digest, "output " + outputDirectory.toAbsolutePath().normalize());
        update(digest, "delivery path " + deliveryPath);
        update(digest, "failOn " + settings.failOn());
        update(digest, "severities " + settings.severities());
        update(digest, "disabled " + settings.disabledRules());
        update(digest, "enabled " + settings.enabledRules());
        settings.parameters().forEach((rule, values) -> update(digest, "parameters " + rule + " " + new TreeMap<String, Object>(values)));
        for (Path directory : settings.ruleDirectories()) {
            update(digest, "rules " + directory.toAbsolutePath().normalize());
            if (Files.isDirectory(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
                        update(digest, "rule " + file.getFileName());
                        update(digest, Files.readAllBytes(file));
                    }
                }
            }
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    /** {@code sops: <path>} in block or flow style, quoted or not; a false match only adds a file to the hash. */
    private static final Pattern SOPS_PATH = Pattern.compile("\\bsops:\\s*[\"']?([^\\s\"'},#]+)");

    /**
     * The paths a spec's text names after {@code sops:}, sorted and distinct, found by a pattern
     * rather than by parsing, so the fingerprint stays free of the YAML library.
     */
    static List<String> sopsPaths(String spec) {
        Matcher matcher = SOPS_PATH.matcher(spec);
        java.util.SortedSet<String> paths = new java.util.TreeSet<>();
        while (matcher.find()) {
            paths.add(matcher.group(1));
        }
        return List.copyOf(paths);
    }

    private static void update(MessageDigest digest, String text) {
        update(digest, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        int length = bytes.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        digest.update(bytes);
    }
}
