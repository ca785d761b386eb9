package dev.shipshape.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageReferencesTest {

    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "acme/api:1.4.2, acme/api, 1.4.2, -",
            "nginx, nginx, -, -",
            "localhost:5000/team/app, localhost:5000/team/app, -, -",
            "localhost:5000/team/app:v2, localhost:5000/team/app, v2, -",
            "ghcr.io/acme/api@" + DIGEST + ", ghcr.io/acme/api, -, " + DIGEST,
            "ghcr.io/acme/api:1.0@" + DIGEST + ", ghcr.io/acme/api, 1.0, " + DIGEST})
    void splitsRepositoryTagAndDigest(String reference, String repository, String tag, String digest) {
        ImageReference parsed = ImageReferences.parse(reference);
        assertEquals(new ImageReference(repository, tag, digest), parsed);
        assertEquals(reference, parsed.reference());
    }

    @Test
    void rejectsAnEmptyTag() {
        assertThrows(IllegalArgumentException.class, () -> ImageReferences.parse("acme/api:"));
    }
}
