package dev.shipshape.render.helm;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.model.ObjectKey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One object of a chart: the tree its template is written from, the values bound to its fields,
 * and the flag that switches it on when not every environment has it.
 *
 * @param key      the object's identity
 * @param tree     its JSON tree in the default view, or in the first environment that has it
 * @param enabled  the boolean value that switches it on, or {@code null} when every view has it
 * @param bindings the values bound to its fields, by JSON Pointer, none inside another
 */
record ChartObject(ObjectKey key, ObjectNode tree, ChartValue enabled, Map<JsonPointer, ChartValue> bindings) {

    ChartObject {
        tree = tree.deepCopy();
        bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
    }

    /** The template file name, {@code templates/<kind>-<name>.yaml}. */
    String templatePath() {
        return "templates/" + key.fileStem() + ".yaml";
    }

    @Override
    public ObjectNode tree() {
        return tree.deepCopy();
    }
}
