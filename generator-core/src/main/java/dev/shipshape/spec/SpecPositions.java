package dev.shipshape.spec;

import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where each value of a spec is written, per view: the document as written (the default view) and
 * each environment's merged view (an environment's override is found at its own line). Keys are
 * JSON Pointers (RFC 6901) such as {@code /spec/components/api/image}; it is what lets a policy
 * finding point at the {@code image:} line instead of the component's key.
 */
public final class SpecPositions {

    private static final SpecPositions NONE = new SpecPositions(null, Map.of());

    private final SourceMap defaults;
    private final SortedMap<String, SourceMap> environments;

    private SpecPositions(SourceMap defaults, Map<String, SourceMap> environments) {
        this.defaults = defaults;
        this.environments = new TreeMap<>(environments);
    }

    /** Positions of no file: every lookup is empty (specs built in code, fixtures). */
    public static SpecPositions none() {
        return NONE;
    }

    static SpecPositions of(SourceMap defaults, Map<String, SourceMap> environments) {
        return new SpecPositions(defaults, environments);
    }

    /** False for {@link #none()}: nothing is known of where the spec writes anything. */
    public boolean recorded() {
        return defaults != null;
    }

    /**
     * The position of the value written at exactly {@code pointer} in a view, if it is written there.
     *
     * @param environment the environment's view, or {@code null} for the document as written
     */
    public Optional<Location> valueAt(String environment, String pointer) {
        SourceMap map = environment == null ? defaults : environments.getOrDefault(environment, defaults);
        return map != null && map.contains(pointer) ? Optional.of(map.valueLocation(pointer)) : Optional.empty();
    }
}
