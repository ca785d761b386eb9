package dev.shipshape;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.Renderer;
import dev.shipshape.spec.SpecLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Puts the spec schema of this shipshape version into the output, at {@value #PATH}, so that a
 * spec in the user's repository can name it in its editor modeline
 * ({@code # yaml-language-server: $schema=../output/.shipshape/application.schema.json}) and
 * always gets the schema of the shipshape that generated the output. The bytes are the bundled
 * schema's, unchanged (JSON has no comment for a generated-file header).
 */
final class SpecSchemaRenderer implements Renderer {

    /** Where the schema goes, relative to the output directory, beside the ownership index. */
    static final String PATH = ".shipshape/application.schema.json";

    private final String schema;

    SpecSchemaRenderer() {
        try (InputStream in = SpecSchemaRenderer.class.getClassLoader().getResourceAsStream(SpecLoader.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IOException("class-path resource " + SpecLoader.SCHEMA_RESOURCE + " not found");
            }
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the shipshape jar is incomplete", e);
        }
    }

    @Override
    public void render(List<ApplicationModel> models, OutputTree output) {
        if (!models.isEmpty()) {
            output.add(PATH, schema);
        }
    }
}
