package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The component groups of an application ({@code spec.components.<name>.group}): each group is
 * delivered as its own Kustomize build and Flux Kustomization {@code <app>-<group>}, so no build
 * holds every object of a large application. A group is the same in every view (environment
 * overrides cannot set it, the schema leaves it out of {@code componentOverride}).
 *
 * @param byComponent the group of each grouped component, by component name; an ungrouped
 *                    component has no entry; sorted
 */
public record ComponentGroups(SortedMap<String, String> byComponent) {

    /** The longest Flux object name, {@code <app>-<group>-jobs}: Flux writes it as a label value on every object it applies. */
    static final int MAX_FLUX_NAME = 63;

    /** No component is grouped. */
    public static final ComponentGroups NONE = new ComponentGroups(Collections.emptySortedMap());

    public ComponentGroups {
        byComponent = Collections.unmodifiableSortedMap(new TreeMap<>(byComponent));
    }

    /** The group of a component, or empty for one delivered with the application's main build. */
    public Optional<String> of(String component) {
        return Optional.ofNullable(byComponent.get(component));
    }

    /** The group names, sorted. */
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byComponent.values()));
    }

    /** The components of a group, sorted. */
    public List<String> components(String group) {
        return byComponent.entrySet().stream().filter(e -> e.getValue().equals(group)).map(Map.Entry::getKey).toList();
    }

    /** Whether no component is grouped. */
    public boolean isEmpty() {
        return byComponent.isEmpty();
    }

    /** {@code spec.components.<name>.group} of a schema-valid spec tree. */
    static ComponentGroups bind(JsonNode root) {
        SortedMap<String, String> groups = new TreeMap<>();
        root.path("spec").path("components").properties().forEach(entry -> {
            JsonNode group = entry.getValue().path("group");
            if (group.isTextual()) {
                groups.put(entry.getKey(), group.asText());
            }
        });
        return groups.isEmpty() ? NONE : new ComponentGroups(groups);
    }

    /**
     * What the schema cannot check: a group name that would collide with a job stage's Kustomization
     * ({@code jobs}, {@code <x>-jobs}) or make {@code <app>-<group>-jobs} longer than
     * {@value #MAX_FLUX_NAME} characters, and a job whose {@code before} names a component of another
     * group (each group's jobs stage holds back only its own workloads).
     *
     * @param spec the bound spec
     * @return the problems, in component order
     */
    static List<SpecProblem> check(ApplicationSpec spec, SourceMap sourceMap) {
        List<SpecProblem> problems = new ArrayList<>();
        ComponentGroups groups = spec.groups();
        groups.byComponent().forEach((component, group) -> {
            String at = JsonPointers.child("/spec/components", component) + "/group";
            if (group.equals("jobs") || group.endsWith("-jobs")) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at),
                        "Component `" + component + "` is in group `" + group + "`: a group's Flux Kustomization is `" + spec.name() + "-" + group
                                + "`, a name shipshape gives to the Kustomizations of job stages (`<app>-jobs`, `<app>-<group>-jobs`).",
                        "Name the group otherwise, for example `" + group.replaceAll("-?jobs$", "") + (group.equals("jobs") ? "tasks" : "-tasks") + "`."));
            }
            String longest = spec.name() + "-" + group + "-jobs";
            if (longest.length() > MAX_FLUX_NAME) {
                problems.add(new SpecProblem(sourceMap.valueLocation(at),
                        "Group `" + group + "` of component `" + component + "` names Flux Kustomizations up to `" + longest + "`, "
                                + longest.length() + " characters; Flux labels every object it applies with its Kustomization's name, "
                                + "a label value of at most " + MAX_FLUX_NAME + " characters.",
                        "Shorten the group's name to at most " + (MAX_FLUX_NAME - spec.name().length() - "--jobs".length()) + " characters."));
            }
        });
        for (Component component : spec.defaults().components()) {
            List<String> before = component.before();
            for (int i = 0; i < before.size(); i++) {
                Optional<String> own = groups.of(component.name());
                Optional<String> waiting = groups.of(before.get(i));
                if (!own.equals(waiting)) {
                    problems.add(new SpecProblem(sourceMap.valueLocation(JsonPointers.child(
                                    JsonPointers.child("/spec/components", component.name()) + "/before", i)),
                            "Job `" + component.name() + "` is " + inGroup(own) + " but runs before `" + before.get(i) + "`, which is "
                                    + inGroup(waiting) + ": a job stage holds back only the workloads of its own build.",
                            "Give `" + component.name() + "` and `" + before.get(i) + "` the same `group` (or none)."));
                }
            }
        }
        return problems;
    }

    /**
     * Flux Kustomization names two applications of one cluster would both give (in {@code flux-system}):
     * a group {@code <app>-<group>} of one that is another's {@code <app>}, {@code <app>-jobs} or
     * {@code <app>-<group>}, for example group {@code api} of {@code shop} beside an application {@code shop-api}.
     *
     * @param specs the loaded specs, with unique application names
     * @return one problem per clashing group, at the group of the later spec (or of the grouped one)
     */
    static List<SpecProblem> checkAcross(List<ApplicationSpec> specs) {
        List<SpecProblem> problems = new ArrayList<>();
        Map<String, Name> owners = new HashMap<>();
        Set<String> reported = new HashSet<>();
        for (ApplicationSpec spec : specs) {
            kustomizationNames(spec).forEach((name, component) -> {
                Name own = new Name(spec, component);
                Name other = owners.putIfAbsent(name, own);
                if (other == null || (component == null && other.component() == null) || !shareACluster(spec, other.spec())) {
                    return; // no clash, or one of names without groups (not this check's)
                }
                Name grouped = component != null ? own : other;
                if (!reported.add(grouped.spec().name() + "/" + grouped.component() + "/" + (grouped == own ? other : own).spec().name())) {
                    return; // its -jobs name clashes too
                }
                Location at = grouped.spec().positions()
                        .valueAt(null, JsonPointers.child("/spec/components", grouped.component()) + "/group")
                        .orElse(grouped.spec().defaults().location());
                problems.add(new SpecProblem(at, "Applications `" + other.spec().name() + "` and `" + spec.name() + "` share a cluster and "
                                + "would both have a Flux Kustomization `" + name + "` in `flux-system`.",
                        "Rename the group of component `" + grouped.component() + "` of `" + grouped.spec().name() + "`."));
            });
        }
        return problems;
    }

    /** A Flux Kustomization name's spec, and the component whose group gives it ({@code null} for {@code <app>}, {@code <app>-jobs}). */
    private record Name(ApplicationSpec spec, String component) {
    }

    /** The Flux Kustomization names a spec may give, each with the component whose group makes it ({@code null} for {@code <app>}, {@code <app>-jobs}). */
    private static Map<String, String> kustomizationNames(ApplicationSpec spec) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(spec.name(), null);
        names.put(spec.name() + "-jobs", null);
        spec.groups().byComponent().forEach((component, group) -> {
            names.putIfAbsent(spec.name() + "-" + group, component);
            names.putIfAbsent(spec.name() + "-" + group + "-jobs", component);
        });
        return names;
    }

    private static boolean shareACluster(ApplicationSpec a, ApplicationSpec b) {
        return a.clusters().stream().anyMatch(c -> b.clusters().stream().anyMatch(d -> d.name().equals(c.name())));
    }

    private static String inGroup(Optional<String> group) {
        return group.map(g -> "in group `" + g + "`").orElse("in the application's main build (no group)");
    }
}
