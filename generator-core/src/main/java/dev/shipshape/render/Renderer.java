package dev.shipshape.render;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.output.OutputTree;

import java.util.List;

/**
 * One output format: reads the models of a compilation and adds its files to the output tree.
 * Renderers are independent consumers of the same models; none knows another exists.
 */
public interface Renderer {

    /**
     * Adds this format's files for every application.
     *
     * @param models the compiled applications, sorted by name, names unique
     * @param output the tree to add files to
     * @throws IllegalArgumentException if a file it would add is already there
     * @throws IllegalStateException    if a model breaks an invariant of {@link ApplicationModel}
     */
    void render(List<ApplicationModel> models, OutputTree output);
}
