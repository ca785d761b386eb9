package dev.shipshape.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/**
 * Builds a {@link JsonNode} tree and its {@link SourceMap} from Jackson's YAML token stream.
 * Reports duplicate keys (and keeps the last value, like most YAML loaders), resolves aliases to
 * anchored mappings and sequences, and enforces the alias, nesting and size {@link LoaderLimits}.
 * Jackson does not expose anchors on scalars, so an alias to a scalar is reported as unsupported.
 */
final class YamlTreeBuilder {

    /** Thrown to stop reading once a limit is exceeded; the problem is already recorded. */
    private static final class LimitExceeded extends Exception {
        private static final long serialVersionUID = 1L;

        LimitExceeded() {
            super(null, null, false, false);
        }
    }

    /** An anchored collection: the node and the pointer its positions are recorded under. */
    private record Anchor(JsonNode node, String pointer) {
    }

    private final YAMLParser parser;
    private final SourceMap sourceMap;
    private final LoaderLimits limits;
    private final List<SpecProblem> problems;
    private final Map<String, Anchor> anchors = new HashMap<>();
    private int aliases;
    private int nodes;

    YamlTreeBuilder(YAMLParser parser, SourceMap sourceMap, LoaderLimits limits, List<SpecProblem> problems) {
        this.parser = parser;
        this.sourceMap = sourceMap;
        this.limits = limits;
        this.problems = problems;
    }

    /**
     * Reads the whole stream.
     *
     * @return the root value, or {@code null} if the stream holds no document or a limit was exceeded
     * @throws IOException on a YAML syntax error
     */
    JsonNode build() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            problems.add(new SpecProblem(new Location(sourceMap.file(), 1, 1),
                    "The file is empty: it holds no YAML document.",
                    "Write an Application spec starting with `apiVersion: shipshape.dev/v1alpha1` and `kind: Application`."));
            return null;
        }
        try {
            JsonNode root = value(first, JsonPointers.ROOT, null, 1);
            if (parser.nextToken() != null) {
                problems.add(new SpecProblem(location(),
                        "The file holds more than one YAML document; a spec file holds exactly one.",
                        "Remove the `---` separator and the second document, or move it to its own file."));
            }
            return root;
        } catch (LimitExceeded e) {
            return null;
        }
    }

    private JsonNode value(JsonToken token, String pointer, Location key, int depth) throws IOException, LimitExceeded {
        Location at = location();
        sourceMap.put(pointer, at, key);
        countNode(at);
        return switch (token) {
            case START_OBJECT -> object(pointer, depth);
            case START_ARRAY -> array(pointer, depth);
            case VALUE_STRING -> parser.isCurrentAlias() ? alias(pointer, at, key) : JsonNodeFactory.instance.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer();
            case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> JsonNodeFactory.instance.booleanNode(true);
            case VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(false);
            case VALUE_NULL -> JsonNodeFactory.instance.nullNode();
            default -> {
                problems.add(new SpecProblem(at, "This value (" + token + ") is not supported in a spec.",
                        "Write a plain string, number, boolean, mapping or sequence."));
                yield JsonNodeFactory.instance.nullNode();
            }
        };
    }

    private JsonNode integer() throws IOException {
        return switch (parser.getNumberType()) {
            case INT -> JsonNodeFactory.instance.numberNode(parser.getIntValue());
            case LONG -> JsonNodeFactory.instance.numberNode(parser.getLongValue());
            default -> JsonNodeFactory.instance.numberNode(parser.getBigIntegerValue());
        };
    }

    private ObjectNode object(String pointer, int depth) throws IOException, LimitExceeded {
        String anchor = parser.getObjectId() == null ? null : parser.getObjectId().toString();
        checkDepth(depth);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        Map<String, Location> keys = new HashMap<>();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
            String name = parser.currentName();
            Location keyAt = location();
            Location first = keys.putIfAbsent(name, keyAt);
            String child = JsonPointers.child(pointer, name);
            if (first != null) {
                problems.add(new SpecProblem(keyAt,
                        "Duplicate key `" + name + "` in " + JsonPointers.display(pointer) + "; it is first written at line " + first.line() + ".",
                        "Remove one of the two `" + name + "` entries or merge them."));
                sourceMap.removeSubtree(child);
            }
            object.set(name, value(parser.nextToken(), child, keyAt, depth + 1));
        }
        rememberAnchor(anchor, object, pointer);
        return object;
    }

    private ArrayNode array(String pointer, int depth) throws IOException, LimitExceeded {
        String anchor = parser.getObjectId() == null ? null : parser.getObjectId().toString();
        checkDepth(depth);
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            array.add(value(token, JsonPointers.child(pointer, array.size()), null, depth + 1));
        }
        rememberAnchor(anchor, array, pointer);
        return array;
    }

    private void rememberAnchor(String anchor, JsonNode node, String pointer) {
        if (anchor != null) {
            anchors.put(anchor, new Anchor(node, pointer));
        }
    }

    private JsonNode alias(String pointer, Location at, Location key) throws IOException, LimitExceeded {
        String name = parser.getText();
        Anchor anchor = anchors.get(name);
        if (anchor == null) {
            problems.add(new SpecProblem(at,
                    "The alias `*" + name + "` names no anchored mapping or sequence before it (anchors on plain values are not supported).",
                    "Define `&" + name + "` on a mapping or sequence earlier in the file, or write the value out."));
            return JsonNodeFactory.instance.nullNode();
        }
        if (++aliases > limits.maxAliasesForCollections()) {
            problems.add(new SpecProblem(at,
                    "The file uses more than " + limits.maxAliasesForCollections() + " aliases to mappings or sequences, the limit that guards against alias bombs.",
                    "Write the repeated values out, or raise LoaderLimits.maxAliasesForCollections."));
            throw new LimitExceeded();
        }
        JsonNode copy = deepCopy(anchor.node(), at);
        sourceMap.copySubtree(sourceMap, anchor.pointer(), pointer);
        sourceMap.put(pointer, at, key);
        return copy;
    }

    private JsonNode deepCopy(JsonNode node, Location at) throws LimitExceeded {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Entry<String, JsonNode> field = it.next();
                countNode(at);
                copy.set(field.getKey(), deepCopy(field.getValue(), at));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : node) {
                countNode(at);
                copy.add(deepCopy(element, at));
            }
            return copy;
        }
        return node;
    }

    private void checkDepth(int depth) throws LimitExceeded {
        if (depth > limits.maxNestingDepth()) {
            problems.add(new SpecProblem(location(),
                    "Mappings and sequences are nested more than " + limits.maxNestingDepth() + " levels deep here.",
                    "Flatten the structure; a spec needs fewer than ten levels (or raise LoaderLimits.maxNestingDepth)."));
            throw new LimitExceeded();
        }
    }

    private void countNode(Location at) throws LimitExceeded {
        if (++nodes > limits.maxNodes()) {
            problems.add(new SpecProblem(at,
                    "The file expands to more than " + limits.maxNodes() + " values (counting what aliases repeat).",
                    "Write fewer or smaller aliased values, or raise LoaderLimits.maxNodes."));
            throw new LimitExceeded();
        }
    }

    private Location location() {
        JsonLocation l = parser.currentTokenLocation();
        return new Location(sourceMap.file(), l.getLineNr(), l.getColumnNr());
    }
}
