package dev.shipshape.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.render.ObjectYaml;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The strict JSON schemas {@code kubeconform -strict} uses, shipped with the tests as class-path
 * resources under {@code schemas/} (source and licence: {@code src/test/resources/schemas/README.md}),
 * and looked up with kubeconform's file-name templates:
 * {@code kubernetes/v1.32.2-standalone-strict/<kind>[-<group first label>]-<version>.json} for the
 * core kinds, {@code crds/<group>/<kind>_<version>.json} for the CRD kinds.
 *
 * <p>An object whose kind has no schema is a problem, never a skip. {@link #problems} reports; the
 * {@code assertValid} methods fail a test with every problem of a list of objects, of a model or of
 * rendered files. Thread-safe; parsed schemas are cached.
 */
public final class StrictSchemas {

    /** The class-path folder of the core Kubernetes schemas. */
    public static final String KUBERNETES = "schemas/kubernetes/v1.32.2-standalone-strict/";
    /** The class-path folder of the CRD schemas, one sub-folder per API group. */
    public static final String CRDS = "schemas/crds/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private static final Map<String, Optional<JsonSchema>> CACHE = new ConcurrentHashMap<>();

    /**
     * The class-path resource of a kind's schema: the CRD schema when its group has one, else the core one.
     *
     * @param apiVersion {@code group/version}, or {@code version} for the core group
     * @param kind       the kind, in any case
     * @return the resource name; it need not exist
     */
    public static String resource(String apiVersion, String kind) {
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        String crd = CRDS + group + "/" + lowerKind + "_" + version + ".json";
        if (group.contains(".") && StrictSchemas.class.getClassLoader().getResource(crd) != null) {
            return crd;
        }
        String groupPart = group.isEmpty() ? "" : "-" + group.split("\\.")[0];
        return KUBERNETES + lowerKind + groupPart + "-" + version + ".json";
    }

    /**
     * The problems of one object as JSON, sorted; empty when it is valid.
     *
     * @param object a Kubernetes object with {@code apiVersion} and {@code kind}
     * @return the schema's messages, or the one problem {@code no schema for ...} when its kind has none
     */
    public List<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText();
        String resource = resource(apiVersion, kind);
        return schema(resource)
                .map(schema -> schema.validate(object).stream().map(ValidationMessage::getMessage).sorted().toList())
                .orElseGet(() -> List.of("no schema for " + apiVersion + " " + kind + " (" + resource
                        + "): copy it into generator-core/src/test/resources/" + resource));
    }

    /**
     * The problems of one object, each prefixed with {@code kind namespace/name}; see {@link #problems(JsonNode)}.
     *
     * @param object a fabric8 object, serialized as the renderers serialize it (Jackson)
     * @return the problems, sorted; empty when it is valid
     */
    public List<String> problems(HasMetadata object) {
        String key = object.getKind() + " " + Optional.ofNullable(object.getMetadata().getNamespace()).map(n -> n + "/").orElse("")
                + object.getMetadata().getName();
        return problems((JsonNode) JSON.valueToTree(object)).stream().map(p -> key + ": " + p).toList();
    }

    /**
     * Asserts that every object is valid.
     *
     * @throws AssertionError listing every problem of every object, one a line
     */
    public void assertValid(Collection<? extends HasMetadata> objects) {
        List<String> problems = objects.stream().flatMap(o -> problems(o).stream()).toList();
        assertEquals(List.of(), problems, () -> String.join("\n", problems));
    }

    /**
     * Asserts that every object of a model is valid: its defaults and every environment's objects.
     *
     * @throws AssertionError listing every problem, one a line
     */
    public void assertValid(ApplicationModel model) {
        List<HasMetadata> all = new ArrayList<>(model.defaults());
        model.environments().values().forEach(all::addAll);
        assertValid(all);
    }

    /**
     * Asserts that every object of every rendered YAML file whose path {@code paths} accepts is valid.
     *
     * @param files rendered files, path (relative to the output directory) to text
     * @param paths which of them to check
     * @throws AssertionError at the first invalid object, naming its file and kind
     */
    public void assertValidFiles(Map<String, String> files, Predicate<String> paths) {
        ObjectYaml yaml = new ObjectYaml();
        files.forEach((path, text) -> {
            if (paths.test(path)) {
                for (JsonNode object : yaml.readAll(text)) {
                    assertEquals(List.of(), problems(object), path + " " + object.path("kind").asText());
                }
            }
        });
    }

    private static Optional<JsonSchema> schema(String resource) {
        return CACHE.computeIfAbsent(resource, StrictSchemas::load);
    }

    private static Optional<JsonSchema> load(String resource) {
        try (InputStream in = StrictSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            ObjectNode node = (ObjectNode) JSON.readTree(in);
            // the kubeconform schemas name no known meta-schema ("http://json-schema.org/schema#"); they are draft-04
            node.remove("$schema");
            return Optional.of(FACTORY.getSchema(node));
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
