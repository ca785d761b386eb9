package dev.shipshape.render;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.model.ObjectKey;

import java.util.List;

/**
 * A {@code kustomization.yaml} ({@code kustomize.config.k8s.io/v1beta1}, kind
 * {@code Kustomization}): the resources it includes and the JSON 6902 patches it applies.
 * Reference: https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/
 *
 * @param resources resource paths or directories, in the order given
 * @param patches   patches, in the order given
 */
public record KustomizationFile(List<String> resources, List<Patch> patches) {

    /** The API version Kustomize reads. */
    public static final String API_VERSION = "kustomize.config.k8s.io/v1beta1";

    public KustomizationFile {
        resources = List.copyOf(resources);
        patches = List.copyOf(patches);
    }

    /**
     * A patch file and the object it targets.
     *
     * @param path   the patch file, relative to the kustomization
     * @param target the object the patch applies to
     */
    public record Patch(String path, ObjectKey target) {
    }

    /** The file's JSON tree: {@code apiVersion}, {@code kind}, {@code resources}, {@code patches} (when any). */
    public ObjectNode toTree() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode root = nodes.objectNode();
        root.put("apiVersion", API_VERSION);
        root.put("kind", "Kustomization");
        ArrayNode resourceList = root.putArray("resources");
        resources.forEach(resourceList::add);
        if (!patches.isEmpty()) {
            ArrayNode patchList = root.putArray("patches");
            for (Patch patch : patches) {
                ObjectNode entry = patchList.addObject();
                entry.put("path", patch.path());
                ObjectNode target = entry.putObject("target");
                String apiVersion = patch.target().apiVersion();
                int slash = apiVersion.indexOf('/');
                if (slash >= 0) {
                    target.put("group", apiVersion.substring(0, slash));
                }
                target.put("version", apiVersion.substring(slash + 1));
                target.put("kind", patch.target().kind());
                target.put("name", patch.target().name());
                if (!patch.target().namespace().isEmpty()) {
                    target.put("namespace", patch.target().namespace());
                }
            }
        }
        return root;
    }
}
