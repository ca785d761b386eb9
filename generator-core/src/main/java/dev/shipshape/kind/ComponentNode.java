package dev.shipshape.kind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.spec.ContainerProcess;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.EnvGroups;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.ImageReferences;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.TreeValues;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One schema-valid {@code spec.components.<name>} entry as a {@link ComponentKind} binds it, with
 * readers that apply defaults to absent or {@code null} members.
 *
 * @param name            the component name (a DNS-1123 label)
 * @param node            the entry's tree (already merged with an environment's overrides)
 * @param pointer         its JSON pointer, {@code /spec/components/<name>}
 * @param location        where its key is written
 * @param applicationName {@code metadata.name}
 * @param environment     the environment of the view being bound, or {@code null} for the default view
 * @param locations       the location of the key at a JSON pointer (for env variables)
 * @param envGroups       the view's {@code spec.envGroups}, which {@code envFrom} takes variables from
 */
public record ComponentNode(String name, JsonNode node, String pointer, Location location, String applicationName,
                            String environment, Function<String, Location> locations, EnvGroups envGroups) {

    /** A member as text, or {@code fallback}; numbers keep their plain form. */
    public String text(String field, String fallback) {
        return TreeValues.text(node, field, fallback);
    }

    /** A member of a nested object as text, or {@code fallback}. */
    public static String text(JsonNode object, String field, String fallback) {
        return TreeValues.text(object, field, fallback);
    }

    /** A member as an int, or {@code fallback}. */
    public int integer(String field, int fallback) {
        return TreeValues.integer(node, field, fallback);
    }

    /** A member of a nested object as an int, or {@code fallback}. */
    public static int integer(JsonNode object, String field, int fallback) {
        return TreeValues.integer(object, field, fallback);
    }

    /** A member as a list of strings, empty when absent. */
    public List<String> texts(String field) {
        return TreeValues.texts(node, field);
    }

    /** A member of a nested object as a list of strings, empty when absent. */
    public static List<String> texts(JsonNode object, String field) {
        return TreeValues.texts(object, field);
    }

    /** Whether a member is present and not {@code null}. */
    public boolean present(String field) {
        return TreeValues.present(node, field);
    }

    /** A member's tree ({@code MissingNode} when absent). */
    public JsonNode path(String field) {
        return node.path(field);
    }

    /**
     * {@code resources} with defaults: the requests default per kind, the memory limit to the
     * memory request; no CPU limit unless written.
     *
     * @param cpu    the default CPU request (millicores quantity, for example {@code 100m})
     * @param memory the default memory request (bytes quantity, for example {@code 128Mi})
     */
    public Resources resources(String cpu, String memory) {
        JsonNode resources = node.path("resources");
        String memoryRequest = TreeValues.text(resources, "memory", memory);
        return new Resources(TreeValues.text(resources, "cpu", cpu), memoryRequest,
                TreeValues.text(resources, "cpuLimit", null), TreeValues.text(resources, "memoryLimit", memoryRequest));
    }

    /**
     * The container's variables: those of the {@code envFrom} groups, then {@code env} (literal
     * values and secret keys, each with its location), the component's own winning
     * ({@link EnvGroups#expand}).
     */
    public List<EnvVar> env() {
        List<String> groups = new ArrayList<>();
        node.path("envFrom").forEach(entry -> {
            if (entry.isTextual()) {
                groups.add(entry.asText());
            }
        });
        return envGroups.expand(groups, EnvVar.bind(node.path("env"), pointer + "/env", null, locations));
    }

    /** The spec secrets of {@code envFrom} ({@code {secret: <name>}} entries), in spec order. */
    public List<String> envFromSecrets() {
        List<String> secrets = new ArrayList<>();
        node.path("envFrom").forEach(entry -> {
            if (entry.isObject()) {
                secrets.add(entry.path("secret").asText());
            }
        });
        return List.copyOf(secrets);
    }

    /** {@code egress}: the declared external destinations, in spec order. */
    public List<Egress> egress() {
        return Egress.bind(node.path("egress"), pointer + "/egress", locations);
    }

    /**
     * {@code image}, {@code command} and {@code args} of an application container: the command
     * and args empty when absent (the image's ENTRYPOINT and CMD run).
     */
    public ContainerProcess process() {
        return new ContainerProcess(ImageReferences.parse(node.path("image").asText()), texts("command"), texts("args"));
    }
}
