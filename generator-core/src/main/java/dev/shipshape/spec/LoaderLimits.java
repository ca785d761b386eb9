package dev.shipshape.spec;

import org.yaml.snakeyaml.LoaderOptions;

/**
 * Safety limits for reading a spec file, so that a hostile or broken file cannot exhaust memory
 * or stack (YAML "billion laughs" alias bombs, deeply nested collections, huge files). A spec that
 * exceeds a limit is rejected with a {@link SpecProblem} at the position where the limit was hit.
 *
 * <p>The limits are handed to SnakeYAML's {@link LoaderOptions} (through Jackson's
 * {@code YAMLFactory.builder().loaderOptions(...)}). SnakeYAML enforces the code point limit while
 * scanning; the alias and nesting limits belong to SnakeYAML's composer, which Jackson's streaming
 * parser does not use, so the spec loader enforces them itself while it builds the tree, with the
 * same meaning.
 *
 * @param maxFileBytes             largest spec file, in bytes; also SnakeYAML's code point limit
 * @param maxAliasesForCollections most aliases ({@code *name}) to mappings or sequences in one file
 *                                 (SnakeYAML's {@code maxAliasesForCollections}, default 50 there too)
 * @param maxNestingDepth          deepest nesting of mappings and sequences (the document root is depth 1)
 * @param maxNodes                 most values in the tree after aliases are expanded; bounds what
 *                                 a chain of aliases can multiply into
 */
public record LoaderLimits(int maxFileBytes, int maxAliasesForCollections, int maxNestingDepth, int maxNodes) {

    /** 4 MiB files, 50 aliases to collections, nesting depth 64, 100 000 values. */
    public static final LoaderLimits DEFAULTS = new LoaderLimits(4 * 1024 * 1024, 50, 64, 100_000);

    /**
     * @throws IllegalArgumentException if a limit is not positive
     */
    public LoaderLimits {
        if (maxFileBytes < 1 || maxAliasesForCollections < 0 || maxNestingDepth < 1 || maxNodes < 1) {
            throw new IllegalArgumentException("loader limits must be positive");
        }
    }

    /** These limits as SnakeYAML loader options; duplicate keys are rejected by the spec loader itself. */
    LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(maxFileBytes);
        options.setMaxAliasesForCollections(maxAliasesForCollections);
        options.setNestingDepthLimit(maxNestingDepth);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        return options;
    }
}
