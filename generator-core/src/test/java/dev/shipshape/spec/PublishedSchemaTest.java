package dev.shipshape.spec;

import dev.shipshape.kind.ComponentKinds;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The published schema (editors, the YAML language server) is exactly the base schema plus every
 * standard kind's branch. Regenerate it with {@code -Dshipshape.schema.regenerate=true}.
 */
class PublishedSchemaTest {

    private static final Path PUBLISHED = Path.of("src/main/resources").resolve(SpecSchema.PUBLISHED_RESOURCE);

    @Test
    void thePublishedSchemaIsTheAssembledOne() throws Exception {
        String expected = SpecSchema.text(SpecSchema.assemble(ComponentKinds.standard()));
        String actual = Files.readString(PUBLISHED);
        if (!expected.equals(actual) && Boolean.getBoolean("shipshape.schema.regenerate")) {
            Files.writeString(PUBLISHED, expected);
            fail(PUBLISHED + " was stale and is rewritten; run the tests again without -Dshipshape.schema.regenerate");
        }
        assertEquals(expected, actual,
                PUBLISHED + " is stale: regenerate it with mvn -pl generator-core test -Dtest=PublishedSchemaTest -Dshipshape.schema.regenerate=true");
    }

    @Test
    void everyStandardKindIsInTheTypeEnum() {
        var types = SpecSchema.assemble(ComponentKinds.standard()).path("$defs").path("component").path("properties").path("type").path("enum");
        assertEquals("[\"web\",\"worker\",\"cronjob\",\"job\",\"postgres\",\"cache\",\"stateful\",\"prometheus\"]", types.toString());
        assertTrue(SpecSchema.assemble(ComponentKinds.standard()).path("$defs").has("webComponent"));
    }
}
