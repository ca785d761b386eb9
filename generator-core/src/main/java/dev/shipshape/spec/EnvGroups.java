package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code spec.envGroups}: named sets of environment variables several components share (a Django
 * app's settings for its web, worker, scheduler and migration), which a component takes with
 * {@code envFrom: [<group>]}. Values have the shapes of a component's own {@code env}; references
 * are expanded, and checked against {@code uses}, for each component that takes the group.
 *
 * @param groups the variables of each group, in spec order, by group name
 */
public record EnvGroups(SortedMap<String, List<EnvVar>> groups) {

    /** The JSON pointer of the groups. */
    public static final String POINTER = "/spec/envGroups";
    /** None. */
    public static final EnvGroups NONE = new EnvGroups(Collections.emptySortedMap());

    /** Binds {@code spec.envGroups} of a schema-valid spec (or environment) tree. */
    static EnvGroups bind(JsonNode spec, SourceMap sourceMap) {
        SortedMap<String, List<EnvVar>> groups = new TreeMap<>();
        for (Entry<String, JsonNode> group : spec.path("envGroups").properties()) {
            groups.put(group.getKey(), EnvVar.bind(group.getValue(), JsonPointers.child(POINTER, group.getKey()), group.getKey(),
                    sourceMap::keyLocation));
        }
        return new EnvGroups(Collections.unmodifiableSortedMap(groups));
    }

    /**
     * A container's variables: those of each group in {@code envFrom} order, then its own; a name
     * defined again replaces the earlier value where that first stood, so the component's own
     * {@code env} wins over its groups and a later group over an earlier one. Unknown groups
     * contribute nothing (the loader reports them, {@link #check}).
     *
     * @param taken the group names, in {@code envFrom} order
     * @param own   the component's own variables, in spec order
     */
    public List<EnvVar> expand(List<String> taken, List<EnvVar> own) {
        Map<String, EnvVar> vars = new LinkedHashMap<>();
        for (String group : taken) {
            groups.getOrDefault(group, List.of()).forEach(var -> vars.put(var.name(), var));
        }
        own.forEach(var -> vars.put(var.name(), var));
        return List.copyOf(vars.values());
    }

    /**
     * Reports each {@code envFrom} entry of a component that names a group not under
     * {@code spec.envGroups} or a secret not under {@code spec.secrets}, with the closest name.
     *
     * @param root      a schema-valid spec tree (for an environment: the merged tree)
     * @param sourceMap positions in that tree
     */
    static List<SpecProblem> check(JsonNode root, SourceMap sourceMap) {
        JsonNode spec = root.path("spec");
        List<String> groups = names(spec.path("envGroups"));
        List<String> secrets = names(spec.path("secrets"));
        List<SpecProblem> problems = new ArrayList<>();
        for (Entry<String, JsonNode> component : spec.path("components").properties()) {
            JsonNode envFrom = component.getValue().path("envFrom");
            String at = JsonPointers.child("/spec/components", component.getKey()) + "/envFrom";
            for (int i = 0; i < envFrom.size(); i++) {
                JsonNode entry = envFrom.get(i);
                String pointer = JsonPointers.child(at, i);
                if (entry.isTextual() && !groups.contains(entry.asText())) {
                    problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                            "Component `" + component.getKey() + "` takes env group `" + entry.asText() + "`, which is not declared in `spec.envGroups`."
                                    + DidYouMean.sentence(entry.asText(), groups),
                            groups.isEmpty() ? "Declare `" + entry.asText() + ":` with its variables under spec.envGroups."
                                    : "Name one of the groups (" + String.join(", ", groups) + "), or declare `" + entry.asText() + "` under spec.envGroups."));
                } else if (entry.isObject() && !secrets.contains(entry.path("secret").asText())) {
                    String secret = entry.path("secret").asText();
                    problems.add(new SpecProblem(sourceMap.valueLocation(pointer + "/secret"),
                            "Component `" + component.getKey() + "` takes every key of secret `" + secret + "` (envFrom), which is not declared in `spec.secrets`."
                                    + DidYouMean.sentence(secret, secrets),
                            "Declare `" + secret + "` under spec.secrets (`existing:`, `externalSecret:` or `sops:`), or name a declared secret."));
                }
            }
        }
        return problems;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }
}
