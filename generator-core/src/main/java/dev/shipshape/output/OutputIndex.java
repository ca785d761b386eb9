package dev.shipshape.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files an output directory's shipshape owns, with the SHA-256 of each as written
 * ({@code sha256:<hex>}), stored as {@code .shipshape/index.json}: keys sorted, two-space
 * indentation, {@code \n} line ends, so the index itself is byte-identical across runs and
 * reviewable in a pull request. Only files listed here are ever overwritten or deleted.
 *
 * @param files hash by relative path ({@code /} separators), sorted
 */
record OutputIndex(SortedMap<String, String> files) {

    /** Where the index lives, relative to the output directory. */
    static final String PATH = ".shipshape/index.json";

    OutputIndex {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** The index of an output directory that has none. */
    static OutputIndex empty() {
        return new OutputIndex(new TreeMap<>());
    }

    /** The index of files with these contents, by relative path. */
    static OutputIndex of(Map<String, byte[]> contents) {
        SortedMap<String, String> hashes = new TreeMap<>();
        contents.forEach((path, bytes) -> hashes.put(path, ContentHash.of(bytes)));
        return new OutputIndex(hashes);
    }

    /**
     * Parses an index file.
     *
     * @throws OutputException if it is not an index this version wrote
     */
    static OutputIndex parse(byte[] content, String location) throws OutputException {
        SortedMap<String, String> files = new TreeMap<>();
        try {
            JsonNode root = Json.MAPPER.readTree(content);
            JsonNode entries = root == null ? null : root.get("files");
            if (entries == null || !entries.isObject()) {
                throw new OutputException(location + " is not a shipshape index (no \"files\" object); "
                        + "restore it from version control or delete the output directory's generated files and run again.");
            }
            for (Map.Entry<String, JsonNode> entry : entries.properties()) {
                files.put(entry.getKey(), entry.getValue().asText());
            }
        } catch (IOException e) {
            throw new OutputException(location + " is not valid JSON (" + e.getMessage()
                    + "); restore it from version control or delete it together with the generated files and run again.");
        }
        return new OutputIndex(files);
    }

    /** The JSON mapper, in its own class so that hashing alone loads no Jackson class. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder().build();
    }

    /** The index file's bytes. */
    byte[] toBytes() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode entries = root.putObject("files");
        files.forEach(entries::put);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return (Json.MAPPER.writer(printer).writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an index of strings always serializes", e);
        }
    }
}
