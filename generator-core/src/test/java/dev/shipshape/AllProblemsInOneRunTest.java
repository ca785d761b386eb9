package dev.shipshape;

import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecProblem;
import dev.shipshape.testing.InlineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spec with a misspelled field, a missing ACME e-mail and an unpinned image reports all three in
 * one run: the schema problem, the cross-reference problem found on what remains without the
 * misspelled field, and the policy finding on the model of that remainder.
 */
class AllProblemsInOneRunTest {

    @TempDir
    Path dir;

    private static final InlineSpec SHOP = InlineSpec.application("shop");

    private static final String SPEC = """
            components:
              web:
                type: web
                image: ghcr.io/shop/web:latest
                port: 8080
                replica: 3
                route: {host: shop.example.com}
            """;

    @Test
    void schemaReferenceAndPolicyProblemsComeTogether() throws Exception {
        Path spec = SHOP.write(dir, SPEC);
        SpecException error = assertThrows(SpecException.class, () -> new Shipshape().compile(List.of(spec)));
        List<String> messages = error.problems().stream().map(SpecProblem::toString).toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith(spec + ":10:7:") && m.contains("Unknown field `replica`")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("needs an ACME account e-mail")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("policy image-tag-pinned") && m.contains(spec + ":8:14:")), "at the image: line " + messages);
        assertEquals(3, messages.size(), messages.toString());
    }

    @Test
    void aComponentWithATypeErrorIsLeftOutAndTheRestIsStillChecked() throws Exception {
        Path spec = SHOP.write(dir, SPEC.replace("    replica: 3\n", "")
                .replace("port: 8080", "port: eighty") + """
                  api:
                    type: web
                    image: ghcr.io/shop/api:1.0.0
                    port: 8080
                    uses: [db]
                """);
        SpecException error = assertThrows(SpecException.class, () -> new Shipshape().compile(List.of(spec)));
        List<String> messages = error.problems().stream().map(SpecProblem::toString).toList();
        assertTrue(messages.stream().anyMatch(m -> m.contains("`spec.components.web.port`")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.contains("uses `db`, which is not a component")), messages.toString());
        assertTrue(messages.stream().noneMatch(m -> m.contains("policy ")),
                "a remainder whose model cannot be built (it uses an undeclared component) gets no policy findings: " + messages);
    }
}
