package dev.shipshape.model;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.JsonPointers;
import dev.shipshape.spec.Location;

import java.util.Optional;

/**
 * Where a component's spec entry sets a field of what was generated for it, so a policy finding
 * points at the line to edit ({@code image:}) rather than at the component's key. The kinds say
 * which field sets what ({@link ComponentKinds#specField}); the spec's positions say where it is
 * written in each view ({@link dev.shipshape.spec.SpecPositions}).
 */
public final class SpecFields {

    private final ApplicationSpec spec;
    private final ComponentKinds kinds;

    /** The fields of a spec's components, as its kinds define them. */
    public SpecFields(ApplicationSpec spec, ComponentKinds kinds) {
        this.spec = spec;
        this.kinds = kinds;
    }

    /**
     * The field that sets {@code field} of a component's container.
     *
     * @param environment the view ({@code null}: the default view)
     * @param component   the component's name
     * @param container   the container's name in the emitted pod, or {@code null} for the component itself
     * @param field       dotted, relative to the container's spec entry ({@code image})
     * @return the field, or empty when the view has no such component or the spec's positions are unknown
     *         (a spec built in code)
     */
    public Optional<Field> find(String environment, String component, String container, String field) {
        Application view = environment == null ? spec.defaults() : spec.views().getOrDefault(environment, spec.defaults());
        Optional<Component> declared = view.component(component);
        if (declared.isEmpty() || !spec.positions().recorded()) {
            return Optional.empty();
        }
        String relative = container == null ? field : kinds.specField(declared.get(), container, field);
        String pointer = JsonPointers.child("/spec/components", component);
        for (String name : relative.split("\\.")) {
            pointer = JsonPointers.child(pointer, name);
        }
        return Optional.of(new Field(relative, spec.positions().valueAt(environment, pointer).orElse(null)));
    }

    /**
     * A spec field of a component.
     *
     * @param path     dotted, relative to the component's entry ({@code backup.uploaderImage})
     * @param location where its value is written, or {@code null} when the spec leaves it to its default
     */
    public record Field(String path, Location location) {
    }
}
