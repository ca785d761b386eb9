package dev.shipshape.model;

import dev.shipshape.spec.ComponentGroups;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Collections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which Kustomize build each object of an application goes to, decided once when the model is
 * built: the objects a grouped component produces (its workload, Service, ServiceAccount,
 * NetworkPolicies, ConfigMaps, routes, monitors, jobs, ...) go to its group's build; every other
 * object (the Namespace, the application-wide NetworkPolicies, issuers, Secrets, the
 * application's rules and dashboards, ungrouped components' objects) to the main build.
 *
 * @param byObject the group of each object of a grouped component, by key, over every view; sorted
 */
public record ObjectGroups(SortedMap<ObjectKey, String> byObject) {

    /** Every object in the main build. */
    public static final ObjectGroups NONE = new ObjectGroups(Collections.emptySortedMap());

    public ObjectGroups {
        byObject = Collections.unmodifiableSortedMap(new TreeMap<>(byObject));
    }

    /**
     * The groups of the objects of a spec's grouped components.
     *
     * @param owners the component that produced each component object, by key (objects of the whole application have none)
     */
    static ObjectGroups of(ComponentGroups groups, Map<ObjectKey, String> owners) {
        if (groups.isEmpty()) {
            return NONE;
        }
        SortedMap<ObjectKey, String> byObject = new TreeMap<>();
        owners.forEach((key, component) -> groups.of(component).ifPresent(group -> byObject.put(key, group)));
        return new ObjectGroups(byObject);
    }

    /** The group of an object, or empty for one of the main build. */
    public Optional<String> of(ObjectKey key) {
        return Optional.ofNullable(byObject.get(key));
    }

    /** The objects of {@code objects} that go to {@code build}, in their order. */
    public List<HasMetadata> in(KustomizeBuild build, List<HasMetadata> objects) {
        return partition(objects).of(build);
    }

    /**
     * {@code objects} split by build in one pass, so that a caller going through every build does
     * not filter every object once per build (quadratic: an application of 1,000 components in
     * cells of ten has 101 builds).
     */
    public Partition partition(List<HasMetadata> objects) {
        if (byObject.isEmpty()) {
            return new Partition(Map.of(Optional.empty(), objects));
        }
        Map<Optional<String>, List<HasMetadata>> byGroup = new HashMap<>();
        for (HasMetadata object : objects) {
            byGroup.computeIfAbsent(of(ObjectKey.of(object)), group -> new ArrayList<>()).add(object);
        }
        return new Partition(byGroup);
    }

    /**
     * Objects split by build.
     *
     * @param byGroup each build's objects in their order, by group name (empty for the main build)
     */
    public record Partition(Map<Optional<String>, List<HasMetadata>> byGroup) {

        /** The objects that go to {@code build}, in their order; none when it has none. */
        public List<HasMetadata> of(KustomizeBuild build) {
            return byGroup.getOrDefault(build.groupName(), List.of());
        }
    }
}
