package dev.shipshape.output;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The content hash the index and the stamp record: {@code sha256:<lower-case hex>} (SHA-256, FIPS 180-4). */
final class ContentHash {

    private ContentHash() {
    }

    /** {@code sha256:<lower-case hex>} of the bytes. */
    static String of(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
