package dev.shipshape.model;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Location;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one in-memory model every rendering reads: the Kubernetes objects of an application, for
 * its default view and for each environment. Object lists are sorted by {@link ObjectKey}.
 *
 * @param spec         the spec it was built from
 * @param defaults     the objects of the default view (no environment overrides)
 * @param environments the objects per environment name
 * @param origins      for every object key, the spec location that produced it (for findings)
 * @param exemptions   the rules the generator breaks on purpose on its own objects, sorted
 * @param facts        what each component's kind states about it, per view (the runbook's facts)
 */
public record ApplicationModel(
        ApplicationSpec spec,
        List<HasMetadata> defaults,
        SortedMap<String, List<HasMetadata>> environments,
        Map<ObjectKey, Location> origins,
        List<ObjectExemption> exemptions,
        ComponentFacts facts) {

    public ApplicationModel {
        exemptions = exemptions.stream().sorted().distinct().toList();
    }

    /** A model of the standard kinds' components (their facts are derived from the spec). */
    public ApplicationModel(ApplicationSpec spec, List<HasMetadata> defaults, SortedMap<String, List<HasMetadata>> environments,
                            Map<ObjectKey, Location> origins, List<ObjectExemption> exemptions) {
        this(spec, defaults, environments, origins, exemptions, ComponentFacts.of(spec, ComponentKinds.standard()));
    }

    /** A model of the standard kinds' components whose generator declares no exemption. */
    public ApplicationModel(ApplicationSpec spec, List<HasMetadata> defaults,
                            SortedMap<String, List<HasMetadata>> environments, Map<ObjectKey, Location> origins) {
        this(spec, defaults, environments, origins, List.of());
    }

    /**
     * This model with more objects in the default view and in every environment (for example
     * exported admission policies), each list sorted again by {@link ObjectKey}.
     *
     * @param origin  the spec location that asked for the objects
     * @param objects the objects to add
     * @throws IllegalArgumentException if an object's key is already in the model
     */
    public ApplicationModel withObjects(Location origin, List<? extends HasMetadata> objects) {
        SortedMap<String, List<HasMetadata>> extended = new TreeMap<>();
        environments.forEach((name, list) -> extended.put(name, merged(list, objects)));
        Map<ObjectKey, Location> allOrigins = new TreeMap<>(origins);
        objects.forEach(object -> allOrigins.put(ObjectKey.of(object), origin));
        return new ApplicationModel(spec, merged(defaults, objects), Collections.unmodifiableSortedMap(extended),
                Collections.unmodifiableMap(allOrigins), exemptions, facts);
    }

    private static List<HasMetadata> merged(List<HasMetadata> present, List<? extends HasMetadata> added) {
        Map<ObjectKey, HasMetadata> byKey = new TreeMap<>();
        for (HasMetadata object : present) {
            byKey.put(ObjectKey.of(object), object);
        }
        for (HasMetadata object : added) {
            if (byKey.putIfAbsent(ObjectKey.of(object), object) != null) {
                throw new IllegalArgumentException(ObjectKey.of(object) + " is already in the model");
            }
        }
        return List.copyOf(byKey.values());
    }

    /** The application's name. */
    public String name() {
        return spec.name();
    }
}
