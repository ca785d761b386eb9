package dev.shipshape.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content hash of a ConfigMap's data, written as the pod annotation {@value #ANNOTATION} of
 * the workload that mounts it, so a configuration change rolls its pods (the Helm chart
 * convention, helm.sh/docs/howto/charts_tips_and_tricks).
 */
public final class ConfigChecksum {

    /** The pod annotation whose value changes with the configuration. */
    public static final String ANNOTATION = "checksum/config";

    private ConfigChecksum() {
    }

    /** Lower-case hex SHA-256 over the entries sorted by key, each key and value followed by a NUL byte. */
    public static String of(Map<String, String> data) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(data).forEach((key, value) -> {
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
