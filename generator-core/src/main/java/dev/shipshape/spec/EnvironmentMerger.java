package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;

/**
 * Resolves one view of a spec: merges an environment's overrides ({@code spec.environments.<env>})
 * into a copy of the spec, and for a cluster with overrides ({@code spec.clusters[i].overrides})
 * those on top, with JSON Merge Patch semantics (RFC 7386: objects merge member by member,
 * {@code null} removes a member, every other value, arrays included, replaces), except that a
 * component's {@code patches} list is appended to. The merged tree keeps the positions of the
 * override for every value that came from it, so problems point there.
 */
final class EnvironmentMerger {

    /** The sections of {@code spec} an environment may override besides components and secrets. */
    private static final List<String> SECTIONS = List.of("tls", "ingress", "gateway", "monitoring", "dns", "envGroups");

    /**
     * One view's merged spec.
     *
     * @param view        the view's name: the environment's, or the cluster's for a cluster with overrides
     * @param environment the environment name
     * @param label       how problems name the view: {@code environment `<env>`} or {@code cluster `<cluster>`}
     * @param root        the merged tree, without {@code spec.environments}
     * @param sourceMap   positions in the merged tree
     * @param problems    overrides that name undeclared components or secrets
     */
    record Merged(String view, String environment, String label, JsonNode root, SourceMap sourceMap, List<SpecProblem> problems) {
    }

    /**
     * @param document    the spec as read; its root and {@code spec} must be mappings
     * @param environment a key of {@code spec.environments}
     * @return the environment's merged tree
     */
    Merged merge(YamlDocument document, String environment) {
        return merge(document, environment, environment, "environment `" + environment + "`",
                List.of(environmentOverrides(environment)));
    }

    /**
     * @param document the spec as read; its root and {@code spec} must be mappings
     * @param index    the index of a cluster in {@code spec.clusters} whose {@code environment} is a key of {@code spec.environments}
     * @return the cluster's view: its environment's overrides merged, then the cluster's
     */
    Merged mergeCluster(YamlDocument document, int index) {
        JsonNode cluster = document.root().path("spec").path("clusters").path(index);
        String name = cluster.path("name").asText();
        String environment = cluster.path("environment").asText();
        return merge(document, name, environment, "cluster `" + name + "`",
                List.of(environmentOverrides(environment), JsonPointers.child(JsonPointers.child("/spec/clusters", index), "overrides")));
    }

    private static String environmentOverrides(String environment) {
        return JsonPointers.child(JsonPointers.child("/spec", "environments"), environment);
    }

    private Merged merge(YamlDocument document, String view, String environment, String label, List<String> layers) {
        ObjectNode root = document.root().deepCopy();
        ObjectNode spec = (ObjectNode) root.get("spec");
        SourceMap merged = document.sourceMap().copy();
        spec.remove("environments");
        merged.removeSubtree("/spec/environments");
        List<SpecProblem> problems = new ArrayList<>();
        Patcher patcher = new Patcher(document.sourceMap(), merged);
        String subject = Character.toUpperCase(label.charAt(0)) + label.substring(1);
        for (String from : layers) {
            JsonNode overrides = document.root().at(from);
            if (overrides.isObject()) {
                for (String section : SECTIONS) {
                    if (overrides.has(section)) {
                        patcher.patch(spec, section, overrides.get(section), "/spec/" + section, JsonPointers.child(from, section));
                    }
                }
                patchDeclared(spec, "components", "component", overrides, from, subject, patcher, document, problems);
                patchDeclared(spec, "secrets", "secret", overrides, from, subject, patcher, document, problems);
            }
        }
        return new Merged(view, environment, label, root, merged, List.copyOf(problems));
    }

    /**
     * Merges the overrides of entries of {@code spec.<section>} ({@code components}, {@code secrets})
     * into the declared entries; an override of an entry that is not declared is a problem, since an
     * environment or a cluster changes what the spec declares and declares nothing of its own.
     */
    private static void patchDeclared(ObjectNode spec, String section, String noun, JsonNode overrides, String from, String subject,
                                      Patcher patcher, YamlDocument document, List<SpecProblem> problems) {
        JsonNode declared = spec.path(section);
        String overridesAt = JsonPointers.child(from, section);
        for (Entry<String, JsonNode> entry : overrides.path(section).properties()) {
            String at = JsonPointers.child(overridesAt, entry.getKey());
            if (!declared.has(entry.getKey())) {
                problems.add(undeclared(subject, noun, section, entry.getKey(), declared, document.sourceMap().keyLocation(at)));
            } else {
                patcher.patch((ObjectNode) declared, entry.getKey(), entry.getValue(), JsonPointers.child("/spec/" + section, entry.getKey()), at);
            }
        }
    }

    private static SpecProblem undeclared(String subject, String noun, String section, String name, JsonNode entries, Location at) {
        List<String> declared = new ArrayList<>();
        entries.fieldNames().forEachRemaining(declared::add);
        String suggestion = DidYouMean.sentence(name, declared);
        return new SpecProblem(at,
                subject + " overrides " + noun + " `" + name + "`, which is not declared in `spec." + section + "`." + suggestion,
                "Override one of the declared " + section + " (" + String.join(", ", declared.stream().sorted().toList())
                        + "), or declare `" + name + "` under spec." + section + ".");
    }

    /** Applies merge patches to a tree and moves the positions along. */
    private record Patcher(SourceMap overridePositions, SourceMap merged) {

        void patch(ObjectNode parent, String field, JsonNode patch, String target, String from) {
            JsonNode existing = parent.get(field);
            if (patch.isNull()) {
                parent.remove(field);
                merged.removeSubtree(target);
            } else if (appendsPatches(target) && patch.isArray() && existing != null && existing.isArray()) {
                ArrayNode list = (ArrayNode) existing;
                for (int i = 0; i < patch.size(); i++) {
                    merged.copySubtree(overridePositions, JsonPointers.child(from, i), JsonPointers.child(target, list.size()));
                    list.add(patch.get(i).deepCopy());
                }
            } else if (patch.isObject() && existing != null && existing.isObject()) {
                for (Entry<String, JsonNode> member : patch.properties()) {
                    patch((ObjectNode) existing, member.getKey(), member.getValue(),
                            JsonPointers.child(target, member.getKey()), JsonPointers.child(from, member.getKey()));
                }
            } else {
                parent.set(field, withoutNulls(patch));
                merged.copySubtree(overridePositions, from, target);
            }
        }

        /**
         * Whether {@code target} is a component's {@code patches}: an environment's list is appended
         * to the component's (as a Kustomize overlay's patches add to its base's), not replacing it.
         */
        private static boolean appendsPatches(String target) {
            return JsonPointers.lastSegment(target).equals("patches")
                    && JsonPointers.parent(JsonPointers.parent(target)).equals("/spec/components");
        }

        /** RFC 7386: a patch merged into a non-object yields the patch with its null members removed. */
        private static JsonNode withoutNulls(JsonNode patch) {
            if (!patch.isObject()) {
                return patch.deepCopy();
            }
            ObjectNode result = ((ObjectNode) patch).objectNode();
            for (Entry<String, JsonNode> member : patch.properties()) {
                if (!member.getValue().isNull()) {
                    result.set(member.getKey(), withoutNulls(member.getValue()));
                }
            }
            return result;
        }
    }
}
