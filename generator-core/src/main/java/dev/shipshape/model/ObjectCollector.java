package dev.shipshape.model;

import dev.shipshape.spec.Location;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Gathers the objects of one application view with the spec location that produced each, and
 * refuses two objects with one key (for example a component named {@code db-backup} next to the
 * backup objects of a component {@code db}).
 */
final class ObjectCollector {

    private final Map<ObjectKey, HasMetadata> objects = new TreeMap<>();
    private final Map<ObjectKey, Location> origins = new TreeMap<>();
    private final SortedSet<ObjectExemption> exemptions = new TreeSet<>();
    private final List<ObjectKey> added = new ArrayList<>();
    private final Map<ObjectKey, String> owners = new TreeMap<>();

    /**
     * Adds objects produced by the spec element at {@code origin}.
     *
     * @throws IllegalArgumentException if an object's key was already added
     */
    void add(Location origin, Collection<? extends HasMetadata> produced) {
        for (HasMetadata object : produced) {
            ObjectKey key = ObjectKey.of(object);
            if (objects.putIfAbsent(key, object) != null) {
                throw new IllegalArgumentException(origin + ": " + key + " is also produced by " + origins.get(key)
                        + "; rename one of the components");
            }
            origins.put(key, origin);
            added.add(key);
        }
    }

    /** How many objects were added so far: a mark for {@link #addedSince}. */
    int size() {
        return added.size();
    }

    /** The objects added after {@code mark} ({@link #size} then), in the order added. */
    List<HasMetadata> addedSince(int mark) {
        return added.subList(mark, added.size()).stream().map(objects::get).toList();
    }

    /** Records that the objects added after {@code mark} ({@link #size} then) are component {@code component}'s. */
    void own(String component, int mark) {
        added.subList(mark, added.size()).forEach(key -> owners.put(key, component));
    }

    /** The component that produced each component object, by key ({@link #own}); objects of the whole application have none. */
    Map<ObjectKey, String> owners() {
        return Collections.unmodifiableMap(owners);
    }

    /**
     * Replaces an added object by a changed one of the same key (a patched object), keeping its origin.
     *
     * @throws IllegalArgumentException if no object of that key was added
     */
    void replace(HasMetadata changed) {
        ObjectKey key = ObjectKey.of(changed);
        if (objects.replace(key, changed) == null) {
            throw new IllegalArgumentException(key + " is not in the model");
        }
    }

    /** Adds one object. */
    void add(Location origin, HasMetadata object) {
        add(origin, List.of(object));
    }

    /**
     * Declares rules the generator breaks on purpose on objects it added.
     *
     * @throws IllegalArgumentException if an exemption names an object that was not added
     */
    void exempt(Collection<ObjectExemption> declared) {
        for (ObjectExemption exemption : declared) {
            if (!objects.containsKey(exemption.object())) {
                throw new IllegalArgumentException("the exemption from " + exemption.rule() + " names " + exemption.object()
                        + ", which is not in the model");
            }
            exemptions.add(exemption);
        }
    }

    /** The declared exemptions, sorted. */
    List<ObjectExemption> exemptions() {
        return List.copyOf(exemptions);
    }

    /** The objects, sorted by key. */
    List<HasMetadata> objects() {
        return List.copyOf(objects.values());
    }

    /** The origin of every object, by key. */
    Map<ObjectKey, Location> origins() {
        return Collections.unmodifiableMap(origins);
    }
}
