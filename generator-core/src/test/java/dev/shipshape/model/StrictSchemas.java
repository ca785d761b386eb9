package dev.shipshape.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The strict JSON schemas of {@code ../shared/schemas} (the ones {@code kubeconform -strict} uses),
 * looked up with kubeconform's file-name templates. A kind without a schema is an error, never a skip.
 */
final class StrictSchemas {

    static final String KUBERNETES = "kubernetes/v1.32.2-standalone-strict";

    private final Path root;
    private final ObjectMapper mapper = new ObjectMapper();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final Map<Path, JsonSchema> cache = new HashMap<>();

    StrictSchemas(Path root) {
        this.root = root;
    }

    /** The schemas next to the repository: {@code <repository>/../shared/schemas}. */
    static StrictSchemas fromRepository() {
        return new StrictSchemas(repositoryRoot().resolve("../shared/schemas").normalize());
    }

    /** The repository root: the {@code shipshape.repository.root} property, else the first parent holding {@code specs/}. */
    static Path repositoryRoot() {
        String property = System.getProperty("shipshape.repository.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("specs"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root; set -Dshipshape.repository.root");
        }
        return dir;
    }

    /** The schema file of an object's kind: the CRD schema when there is one, else the core Kubernetes schema. */
    Path schemaFile(String apiVersion, String kind) {
        String lowerKind = kind.toLowerCase(Locale.ROOT);
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = apiVersion.substring(slash + 1);
        Path crd = root.resolve("crds").resolve(group).resolve(lowerKind + "_" + version + ".json");
        if (!group.isEmpty() && Files.isRegularFile(crd)) {
            return crd;
        }
        String groupPart = group.isEmpty() ? "" : "-" + group.split("\\.")[0];
        return root.resolve(KUBERNETES).resolve(lowerKind + groupPart + "-" + version + ".json");
    }

    /** The problems of one object, each prefixed with its key; "no schema" when its kind has none. */
    List<String> problems(HasMetadata object) {
        String key = ObjectKey.of(object).toString();
        Path file = schemaFile(object.getApiVersion(), object.getKind());
        if (!Files.isRegularFile(file)) {
            return List.of(key + ": no schema " + file);
        }
        JsonNode json = mapper.valueToTree(object);
        Set<ValidationMessage> messages = schema(file).validate(json);
        return messages.stream().map(m -> key + ": " + m.getMessage()).sorted().toList();
    }

    private JsonSchema schema(Path file) {
        return cache.computeIfAbsent(file, f -> {
            try {
                ObjectNode node = (ObjectNode) mapper.readTree(f.toFile());
                node.remove("$schema");
                return factory.getSchema(node);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
