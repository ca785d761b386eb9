package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A spec file read into a tree, with the position of every value.
 *
 * @param root      the document's root value
 * @param sourceMap positions by JSON Pointer
 * @param problems  problems that did not stop reading (duplicate keys, unresolved aliases)
 */
record YamlDocument(JsonNode root, SourceMap sourceMap, List<SpecProblem> problems) {
}
