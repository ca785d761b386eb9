package dev.shipshape.spec;

import java.nio.file.Path;

/**
 * Loads spec files: YAML with source positions, JSON Schema validation, binding with defaults,
 * environment overrides and cross-reference checks.
 */
public final class SpecLoader {

    /**
     * Loads one spec file.
     *
     * @param file a spec file
     * @return the validated spec
     * @throws SpecException listing every problem found, each with {@code file:line:column}
     */
    public ApplicationSpec load(Path file) throws SpecException {
        throw new UnsupportedOperationException("CONTRACT PLACEHOLDER: implemented on branch spec");
    }
}
