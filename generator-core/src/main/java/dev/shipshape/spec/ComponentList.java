package dev.shipshape.spec;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;

/**
 * An application view's components, immutable, in the order given, indexed once by name and by
 * the components they {@link Component#uses() use}: the model asks, for every component, for the
 * one it names and for those that use it, so a scan per question would make building a view
 * quadratic in its components. A {@link List} like any other (equality, hashing and JSON are a
 * list's).
 */
final class ComponentList extends AbstractList<Component> implements RandomAccess {

    private final List<Component> components;
    private final Map<String, Component> byName = new HashMap<>();
    private final Map<String, List<Component>> usersByName = new HashMap<>();

    private ComponentList(List<Component> components) {
        this.components = List.copyOf(components);
        for (Component component : this.components) {
            byName.putIfAbsent(component.name(), component);
            for (String used : component.uses()) {
                List<Component> users = usersByName.computeIfAbsent(used, name -> new ArrayList<>());
                // a component naming another twice uses it once
                if (users.isEmpty() || users.get(users.size() - 1) != component) {
                    users.add(component);
                }
            }
        }
        usersByName.replaceAll((name, users) -> List.copyOf(users));
    }

    /** The components as an indexed list (the same list when it already is one). */
    static ComponentList of(List<Component> components) {
        return components instanceof ComponentList indexed ? indexed : new ComponentList(components);
    }

    /** The first component of that name. */
    Optional<Component> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The components whose {@code uses} names {@code name}, in list order. */
    List<Component> usersOf(String name) {
        return usersByName.getOrDefault(name, List.of());
    }

    @Override
    public Component get(int index) {
        return components.get(index);
    }

    @Override
    public int size() {
        return components.size();
    }
}
