package dev.shipshape.model;

import dev.shipshape.spec.ApplicationSpec;

/** Builds the Kubernetes objects of an application, for its default view and each environment. */
public final class ModelBuilder {

    /**
     * @param spec a validated spec
     * @return the model every renderer reads
     */
    public ApplicationModel build(ApplicationSpec spec) {
        throw new UnsupportedOperationException("CONTRACT PLACEHOLDER: implemented on branch model");
    }
}
