package dev.shipshape;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.output.OutputTree;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.spec.ApplicationSpec;

import java.util.List;

/**
 * Everything a compilation of spec files produced, before anything is written.
 *
 * @param specs  the loaded specs, sorted by application name
 * @param models the models built from them, in the same order
 * @param output the files of every renderer
 * @param policy the policy findings on every model (spec rules and the objects of every environment)
 */
public record Compilation(List<ApplicationSpec> specs, List<ApplicationModel> models, OutputTree output, PolicyReport policy) {

    public Compilation {
        specs = List.copyOf(specs);
        models = List.copyOf(models);
    }
}
