package dev.shipshape;

import dev.shipshape.policy.RepositoryRoot;
import dev.shipshape.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The output carries the spec schema of the shipshape that generated it, for the specs' editor modeline (issue 16). */
class SpecSchemaFileTest {

    @TempDir
    Path temp;

    @Test
    void generateWritesTheBundledSchemaBesideTheIndexAndOwnsIt() throws Exception {
        Path output = temp.resolve("output");
        new Shipshape().generate(List.of(RepositoryRoot.path().resolve("specs/todoozle.yaml")), output);

        String bundled;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SpecLoader.SCHEMA_RESOURCE)) {
            bundled = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(bundled, Files.readString(output.resolve(".shipshape/application.schema.json")));
        assertTrue(Files.readString(output.resolve(".shipshape/index.json")).contains("\".shipshape/application.schema.json\""),
                "owned, so check reports a stale or edited copy");

        Files.writeString(output.resolve(".shipshape/application.schema.json"), "{}\n");
        CheckResult check = new Shipshape().check(List.of(RepositoryRoot.path().resolve("specs/todoozle.yaml")), output);
        assertEquals(".shipshape/application.schema.json", check.drift().get(0).path());
    }
}
