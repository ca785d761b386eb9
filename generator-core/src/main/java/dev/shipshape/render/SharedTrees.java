package dev.shipshape.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The JSON trees ({@link ObjectYaml#tree}) of the objects one renderer reads from one model, each
 * built once: an object asked for again gets the same tree, and so does an equal object of
 * another view (same JSON, byte for byte), so the default view and the environments share one
 * tree for every object they do not change. Most objects of a model are the same in every view:
 * this keeps the trees of a large model to about one view's worth, and lets a diff of two views
 * stop at the first {@code ==} of an unchanged object.
 *
 * <p>The trees are shared, so callers must not modify them (copy first). One instance per
 * rendering of one model; not thread-safe.
 */
public final class SharedTrees {

    private final ObjectYaml yaml;
    private final Map<HasMetadata, ObjectNode> byObject = new IdentityHashMap<>();
    private final Map<ByteBuffer, ObjectNode> byJson = new HashMap<>();

    /** @param yaml the shared YAML and JSON writer */
    public SharedTrees(ObjectYaml yaml) {
        this.yaml = yaml;
    }

    /**
     * @param object a fabric8 object of the model
     * @return its tree, shared with every equal object read through this instance; read-only
     */
    public ObjectNode tree(HasMetadata object) {
        ObjectNode tree = byObject.get(object);
        if (tree == null) {
            byte[] json = yaml.json(object);
            tree = byJson.computeIfAbsent(ByteBuffer.wrap(json), key -> yaml.tree(json, object));
            byObject.put(object, tree);
        }
        return tree;
    }
}
