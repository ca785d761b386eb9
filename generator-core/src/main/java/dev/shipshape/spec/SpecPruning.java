package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Removes from a spec tree what failed its schema, so the later stages (binding, cross-references,
 * policies) can still report the problems of everything else in the same run: an unknown field is
 * dropped, a component with any other violation is dropped whole (with its environment overrides).
 * Violations anywhere else (metadata, tls, clusters, ...) leave nothing meaningful to check: then
 * there is no pruned tree.
 */
final class SpecPruning {

    private static final String COMPONENTS = "/spec/components/";

    /**
     * A pruned tree and the components it dropped.
     *
     * @param root       a copy of the spec tree without the offending parts
     * @param components names of the components removed whole, sorted
     */
    record Pruned(JsonNode root, Set<String> components) {
    }

    private SpecPruning() {
    }

    /**
     * @param root       the spec tree as written
     * @param violations the schema violations of the tree and of each environment's merged tree (pointers in the merged
     *                   tree's space, {@code /spec/components/<name>/...})
     * @return the pruned tree, or empty when some violation is outside the components and not an unknown field
     */
    static Optional<Pruned> prune(JsonNode root, Collection<SchemaValidator.Violation> violations) {
        if (!(root instanceof ObjectNode document) || !root.path("spec").isObject()) {
            return Optional.empty();
        }
        ObjectNode copy = document.deepCopy();
        Set<String> dropped = new TreeSet<>();
        for (SchemaValidator.Violation violation : violations) {
            String target = violation.target();
            String component = component(target);
            if ("additionalProperties".equals(violation.keyword()) && violation.property() != null) {
                remove(copy, target);
                if (component != null) {
                    environments(copy).forEach(env -> remove(copy, "/spec/environments/" + env + "/components/"
                            + target.substring(COMPONENTS.length())));
                }
            } else if (component != null) {
                dropped.add(component);
            } else {
                return Optional.empty();
            }
        }
        for (String component : dropped) {
            remove(copy, COMPONENTS + component);
            environments(copy).forEach(env -> remove(copy, "/spec/environments/" + env + "/components/" + component));
        }
        return Optional.of(new Pruned(copy, dropped));
    }

    /** The component a pointer lies in, or {@code null}. */
    private static String component(String pointer) {
        if (!pointer.startsWith(COMPONENTS) || pointer.length() == COMPONENTS.length()) {
            return null;
        }
        String rest = pointer.substring(COMPONENTS.length());
        int slash = rest.indexOf('/');
        return unescape(slash < 0 ? rest : rest.substring(0, slash));
    }

    private static List<String> environments(JsonNode root) {
        List<String> names = new java.util.ArrayList<>();
        root.path("spec").path("environments").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Removes the member a pointer names, if present. */
    private static void remove(JsonNode root, String pointer) {
        int slash = pointer.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        JsonNode parent = root.at(pointer.substring(0, slash));
        if (parent instanceof ObjectNode object) {
            object.remove(unescape(pointer.substring(slash + 1)));
        }
    }

    private static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }
}
