package dev.shipshape;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.spec.SpecSchema;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.Renderer;

import java.util.List;

/**
 * Puts the spec schema of this shipshape version into the output, at {@value #PATH}, so that a
 * spec in the user's repository can name it in its editor modeline
 * ({@code # yaml-language-server: $schema=../output/.shipshape/application.schema.json}) and
 * always gets the schema of the shipshape (and the kinds) that generated the output: the
 * {@linkplain SpecSchema#assemble assembled} schema, as the bundled one is written (JSON has no
 * comment for a generated-file header).
 */
final class SpecSchemaRenderer implements Renderer {

    /** Where the schema goes, relative to the output directory, beside the ownership index. */
    static final String PATH = ".shipshape/application.schema.json";

    private final String schema;

    /** @param kinds the kinds whose schema branches the written schema holds */
    SpecSchemaRenderer(ComponentKinds kinds) {
        this.schema = SpecSchema.text(SpecSchema.assemble(kinds));
    }

    @Override
    public void render(List<ApplicationModel> models, OutputTree output) {
        if (!models.isEmpty()) {
            output.add(PATH, schema);
        }
    }
}
