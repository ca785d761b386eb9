package dev.shipshape.model;

import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Location;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The one in-memory model every rendering reads: the Kubernetes objects of an application, for
 * its default view and for each environment. Object lists are sorted by {@link ObjectKey}.
 *
 * @param spec         the spec it was built from
 * @param defaults     the objects of the default view (no environment overrides)
 * @param environments the objects per environment name
 * @param origins      for every object key, the spec location that produced it (for findings)
 */
public record ApplicationModel(
        ApplicationSpec spec,
        List<HasMetadata> defaults,
        SortedMap<String, List<HasMetadata>> environments,
        Map<ObjectKey, Location> origins) {

    /** The application's name. */
    public String name() {
        return spec.name();
    }
}
