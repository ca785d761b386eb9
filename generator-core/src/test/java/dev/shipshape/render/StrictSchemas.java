package dev.shipshape.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The strict schemas kubeconform uses ({@code ../shared/schemas}, see its README), for tests:
 * the problems of one object, empty when it is valid.
 */
public final class StrictSchemas {

    private final Path root;
    private final ObjectMapper json = new ObjectMapper();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    public StrictSchemas() {
        this.root = repositoryRoot().resolve("../shared/schemas").normalize();
    }

    /** The repository root: the Surefire property, else the nearest ancestor of the working directory with generator-core. */
    public static Path repositoryRoot() {
        String property = System.getProperty("shipshape.repository.root");
        if (property != null && Files.isDirectory(Path.of(property, "generator-core"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("generator-core"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }

    /** The validation problems of an object against the schema of its apiVersion and kind; fails if there is no schema. */
    public Set<String> problems(JsonNode object) {
        String apiVersion = object.path("apiVersion").asText();
        String kind = object.path("kind").asText().toLowerCase(Locale.ROOT);
        int slash = apiVersion.indexOf('/');
        Path file = slash < 0
                ? root.resolve("kubernetes/v1.32.2-standalone-strict/" + kind + "-" + apiVersion + ".json")
                : root.resolve("kubernetes/v1.32.2-standalone-strict/" + kind + "-" + apiVersion.substring(0, slash).split("\\.")[0]
                + "-" + apiVersion.substring(slash + 1) + ".json");
        if (slash >= 0 && !Files.isRegularFile(file) && apiVersion.substring(0, slash).contains(".")) {
            // a dotted group without a built-in schema (networking.k8s.io has one) is a CRD group
            file = root.resolve("crds/" + apiVersion.substring(0, slash) + "/" + kind + "_" + apiVersion.substring(slash + 1) + ".json");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no strict schema for " + apiVersion + " " + kind + " at " + file);
        }
        try {
            ObjectNode schemaNode = (ObjectNode) json.readTree(file.toFile());
            schemaNode.remove("$schema");
            JsonSchema schema = factory.getSchema(schemaNode);
            Set<ValidationMessage> messages = schema.validate(object);
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
