package dev.shipshape.kind;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.spec.ContainerProcess;
import dev.shipshape.spec.ContainerSecurity;
import dev.shipshape.spec.Egress;
import dev.shipshape.spec.EnvGroups;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.spec.ExtraContainer;
import dev.shipshape.spec.ImageReferences;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.PodVolume;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.TreeValues;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
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

    /** The size of a persistent volume that names none. */
    public static final String DEFAULT_VOLUME_SIZE = "10Gi";
    /** The size limit of an {@code emptyDir} volume that names none (as {@code /tmp}'s). */
    public static final String DEFAULT_EMPTY_DIR_SIZE = "256Mi";
    /** The CPU request of an init container or sidecar that names none. */
    public static final String EXTRA_CPU = "50m";
    /** The memory request (and limit) of an init container or sidecar that names none. */
    public static final String EXTRA_MEMORY = "64Mi";

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
        return resources(node.path("resources"), cpu, memory);
    }

    private static Resources resources(JsonNode resources, String cpu, String memory) {
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

    /** An env mapping at {@code at} (an init container's or sidecar's), in spec order. */
    private List<EnvVar> env(JsonNode env, String at) {
        return EnvVar.bind(env, at, null, locations);
    }

    /**
     * {@code image}, {@code command} and {@code args} of an application container: the command
     * and args empty when absent (the image's ENTRYPOINT and CMD run).
     */
    public ContainerProcess process() {
        return process(node);
    }

    private static ContainerProcess process(JsonNode container) {
        return new ContainerProcess(ImageReferences.parse(container.path("image").asText()), TreeValues.texts(container, "command"),
                TreeValues.texts(container, "args"), TreeValues.text(container, "workingDir", null));
    }

    /**
     * The pod settings every application kind shares ({@link PodTemplate}), defaults applied: the
     * process, {@code securityContext} (uid {@code defaultUser}, group and fsGroup following it,
     * read-only root), {@code volumes} (a claim of {@value #DEFAULT_VOLUME_SIZE}, ReadWriteOnce, when
     * no other source is given), {@code configFiles}, {@code writablePaths} (default {@code /tmp}),
     * {@code strategy}, {@code serviceAccount.annotations}, {@code imagePullSecrets},
     * {@code initContainers} and {@code sidecars} (requests {@value #EXTRA_CPU} CPU and
     * {@value #EXTRA_MEMORY} memory, limited to the memory request, when not written).
     *
     * @param defaultUser the uid when {@code securityContext.runAsUser} is not written
     */
    public PodTemplate pod(long defaultUser) {
        JsonNode security = node.path("securityContext");
        long user = TreeValues.present(security, "runAsUser") ? security.path("runAsUser").asLong() : defaultUser;
        long group = TreeValues.present(security, "runAsGroup") ? security.path("runAsGroup").asLong() : user;
        long fsGroup = TreeValues.present(security, "fsGroup") ? security.path("fsGroup").asLong() : group;
        List<PodVolume> volumes = new ArrayList<>();
        for (Entry<String, JsonNode> entry : node.path("volumes").properties()) {
            JsonNode volume = entry.getValue();
            JsonNode emptyDir = volume.path("emptyDir");
            boolean claim = !TreeValues.present(volume, "emptyDir") && !TreeValues.present(volume, "secret");
            volumes.add(new PodVolume(entry.getKey(), volume.path("mountPath").asText(),
                    claim ? new PodVolume.Claim(TreeValues.text(volume, "size", DEFAULT_VOLUME_SIZE), TreeValues.text(volume, "storageClass", null),
                            TreeValues.text(volume, "accessMode", PodVolume.READ_WRITE_ONCE)) : null,
                    TreeValues.present(volume, "emptyDir") ? new PodVolume.EmptyDir(TreeValues.text(emptyDir, "sizeLimit", DEFAULT_EMPTY_DIR_SIZE),
                            TreeValues.text(emptyDir, "medium", null)) : null,
                    TreeValues.text(volume, "secret", null)));
        }
        Map<String, String> configFiles = new LinkedHashMap<>();
        node.path("configFiles").properties().forEach(f -> configFiles.put(f.getKey(), f.getValue().asText()));
        Map<String, String> annotations = new LinkedHashMap<>();
        node.path("serviceAccount").path("annotations").properties().forEach(a -> annotations.put(a.getKey(), a.getValue().asText()));
        return new PodTemplate(process(),
                new ContainerSecurity(user, group, fsGroup, TreeValues.bool(security, "readOnlyRootFilesystem", true),
                        TreeValues.texts(security.path("capabilities"), "add")),
                volumes, configFiles,
                present("writablePaths") ? texts("writablePaths") : PodTemplate.DEFAULT_WRITABLE_PATHS,
                text("strategy", null), annotations, texts("imagePullSecrets"),
                extraContainers("initContainers"), extraContainers("sidecars"));
    }

    private List<ExtraContainer> extraContainers(String field) {
        List<ExtraContainer> containers = new ArrayList<>();
        for (Entry<String, JsonNode> entry : node.path(field).properties()) {
            JsonNode container = entry.getValue();
            Map<String, Integer> ports = new LinkedHashMap<>();
            container.path("ports").properties().forEach(p -> ports.put(p.getKey(), p.getValue().asInt()));
            String at = dev.shipshape.spec.JsonPointers.child(pointer + "/" + field, entry.getKey());
            List<ExtraContainer.Mount> mounts = new ArrayList<>();
            JsonNode listed = container.path("volumeMounts");
            for (int i = 0; i < listed.size(); i++) {
                JsonNode mount = listed.get(i);
                mounts.add(new ExtraContainer.Mount(mount.path("name").asText(), TreeValues.text(mount, "mountPath", null),
                        TreeValues.bool(mount, "readOnly", false), at + "/volumeMounts/" + i));
            }
            containers.add(new ExtraContainer(entry.getKey(), process(container), env(container.path("env"), at + "/env"),
                    resources(container.path("resources"), EXTRA_CPU, EXTRA_MEMORY), ports, mounts));
        }
        return containers;
    }
}
