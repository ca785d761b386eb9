package dev.shipshape.render;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Deterministic YAML for Kubernetes objects and the JSON tree view every renderer and diff
 * works on.
 *
 * <p>The YAML is what {@code kubectl} and reviewers read: block style, sequences indented under
 * their key, {@code \n} line ends, no document start marker except the {@code ---} separator
 * between documents, no line folding, literal blocks ({@code |}) for multi-line strings, no
 * {@code null} fields and map keys sorted. Strings are quoted only when a YAML 1.1 or YAML 1.2
 * reader would read them as something other than a string ({@code "yes"}, {@code "on"},
 * {@code "1.10"}, {@code "12:30"}, {@code "1e3"}, {@code "~"} ...): go-yaml, which Kubernetes
 * tools use, still resolves YAML 1.1 booleans and numbers.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ObjectYaml {

    private static final Pattern TOP_LEVEL_INDENT = Pattern.compile("(?m)^  ");

    private final ObjectMapper json;
    private final YAMLMapper yaml;

    /** Creates the mappers; cheap enough to create one per compilation. */
    public ObjectYaml() {
        this.json = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        YAMLFactory factory = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .stringQuotingChecker(new PlainScalarQuoting())
                .build();
        this.yaml = YAMLMapper.builder(factory)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    /**
     * The JSON tree of an object as the Kubernetes API would see it: fabric8's field order,
     * map entries sorted by key, no {@code null} fields. Numbers are typed as a parser types
     * them (an {@code int}-sized {@code Long} field is an {@code IntNode}), so the tree equals
     * the tree of the same object read back from YAML ({@link #readAll}).
     *
     * @param object a fabric8 object (typed or {@code GenericKubernetesResource})
     * @return a fresh tree; callers may modify it
     */
    public ObjectNode tree(HasMetadata object) {
        return tree(json(object), object);
    }

    /**
     * The JSON of an object, UTF-8, the form {@link #tree(HasMetadata)} parses: equal bytes make
     * equal trees, so two objects can be compared without building their trees.
     *
     * @throws UncheckedIOException if the object cannot be serialized
     */
    public byte[] json(HasMetadata object) {
        try {
            return json.writeValueAsBytes(object);
        } catch (IOException e) {
            throw failure(object, e);
        }
    }

    /**
     * The tree of an object's {@link #json}.
     *
     * @param objectJson the bytes {@link #json} returned for {@code object}
     * @param object     the object, named in the error
     * @throws UncheckedIOException if the bytes are not a JSON object
     */
    public ObjectNode tree(byte[] objectJson, HasMetadata object) {
        try {
            return (ObjectNode) json.readTree(objectJson);
        } catch (IOException e) {
            throw failure(object, e);
        }
    }

    private static UncheckedIOException failure(HasMetadata object, IOException e) {
        return new UncheckedIOException("cannot serialize " + object.getKind() + " " + object.getMetadata().getName(), e);
    }

    /** The YAML of one object, one document without a {@code ---} marker, ending with {@code \n}. */
    public String write(HasMetadata object) {
        return write(tree(object));
    }

    /**
     * The YAML of any JSON tree (an object, a list of patch operations ...), ending with
     * {@code \n}. A top-level list starts at column 1, as people write it.
     */
    public String write(JsonNode tree) {
        String text;
        try {
            text = yaml.writeValueAsString(tree).replace("\r\n", "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write YAML", e);
        }
        // the generator indents every sequence by two, the top-level one too: every line then
        // starts with those two spaces (block scalar lines included), so removing them is exact
        return tree.isArray() && !tree.isEmpty() ? TOP_LEVEL_INDENT.matcher(text).replaceAll("") : text;
    }

    /** Several objects as a multi-document stream: documents separated by {@code ---} lines. */
    public String writeAll(List<? extends HasMetadata> objects) {
        return objects.stream().map(this::write).collect(Collectors.joining("---\n"));
    }

    /**
     * Parses a YAML stream (one or more documents, as {@code kubectl kustomize} or
     * {@code helm template} print them) into JSON trees, skipping empty documents.
     *
     * @throws UncheckedIOException if the text is not YAML
     */
    public List<JsonNode> readAll(String text) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(text)) {
            var iterator = yaml.readValues(parser, JsonNode.class);
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse YAML", e);
        }
        return documents;
    }

    /**
     * Quotes a string when Jackson's default rules say so, or when a plain scalar of that text
     * would resolve to a non-string under YAML 1.1 (SnakeYAML's resolver: booleans such as
     * {@code yes}/{@code on}, sexagesimal and underscore numbers, timestamps, merge keys) or under
     * the YAML 1.2 core schema (numbers such as {@code 1e3}, {@code 0o17}, {@code .inf}).
     */
    private static final class PlainScalarQuoting extends StringQuotingChecker {

        private static final long serialVersionUID = 1L;

        /** YAML 1.2 core schema int and float (https://yaml.org/spec/1.2.2/#1032-tag-resolution). */
        private static final Pattern YAML_12_NUMBER = Pattern.compile(
                "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
                        + "|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"
                        + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

        /**
         * The first characters of every scalar SnakeYAML's {@link Resolver} (its implicit resolvers:
         * bool, int, float, merge, null, timestamp, value, yaml) or {@link #YAML_12_NUMBER} can read
         * as a non-string; a non-empty scalar starting with any other character is a string in both,
         * and skips the regular expressions (most keys and values of an object start with a letter).
         */
        private static final String RESOLVABLE_FIRST = "yYnNtTfFoO-+0123456789.<~=!&*\0";

        private final StringQuotingChecker defaults = StringQuotingChecker.Default.instance();
        private final transient Resolver yaml11 = new Resolver();

        @Override
        public boolean needToQuoteName(String name) {
            return defaults.needToQuoteName(name) || resolvesToNonString(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return defaults.needToQuoteValue(value) || resolvesToNonString(value);
        }

        private boolean resolvesToNonString(String text) {
            if (!text.isEmpty() && RESOLVABLE_FIRST.indexOf(text.charAt(0)) < 0) {
                return false;
            }
            return !Tag.STR.equals(yaml11.resolve(NodeId.scalar, text, true))
                    || YAML_12_NUMBER.matcher(text).matches();
        }
    }
}
