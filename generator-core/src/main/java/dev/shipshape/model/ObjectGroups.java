package dev.shipshape.model;

import dev.shipshape.spec.ComponentGroups;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Collections;
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
        if (byObject.isEmpty()) {
            return build.isMain() ? objects : List.of();
        }
        return objects.stream().filter(object -> of(ObjectKey.of(object)).equals(build.groupName())).toList();
    }
}
