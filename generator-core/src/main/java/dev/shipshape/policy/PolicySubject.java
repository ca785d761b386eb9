package dev.shipshape.policy;

import dev.shipshape.model.ObjectKey;
import dev.shipshape.model.SpecFields;
import dev.shipshape.spec.Location;

import java.util.List;
import java.util.Map;

/**
 * What the engine checks for one environment: its rendered objects and its resolved spec.
 *
 * @param environment        the environment name
 * @param objects            every rendered object, as plain trees ({@link ObjectTrees})
 * @param application        the application spec of the environment as a plain tree (CEL variable
 *                           {@code application}; each component carries {@code type}), or an empty
 *                           map when there is no spec (spec rules are then skipped)
 * @param origins            the spec location that produced each object
 * @param componentLocations where each component is declared, by component name
 * @param applicationLocation where the application is declared, the fallback location, or {@code null}
 * @param fields             which spec field sets what a check reads ({@link Check#specField}), or {@code null}
 *                           when there is no spec: findings are then reported at the component's key
 */
public record PolicySubject(
        String environment,
        List<Map<String, Object>> objects,
        Map<String, Object> application,
        Map<ObjectKey, Location> origins,
        Map<String, Location> componentLocations,
        Location applicationLocation,
        SpecFields fields) {

    public PolicySubject {
        objects = List.copyOf(objects);
        application = Map.copyOf(application);
        origins = Map.copyOf(origins);
        componentLocations = Map.copyOf(componentLocations);
    }

    /** A subject whose findings are reported at their components' keys. */
    public PolicySubject(String environment, List<Map<String, Object>> objects, Map<String, Object> application,
                         Map<ObjectKey, Location> origins, Map<String, Location> componentLocations, Location applicationLocation) {
        this(environment, objects, application, origins, componentLocations, applicationLocation, null);
    }

    /** Only objects, no spec: what fixtures and ad-hoc checks of manifests use. */
    public static PolicySubject ofObjects(String environment, List<Map<String, Object>> objects) {
        return new PolicySubject(environment, objects, Map.of(), Map.of(), Map.of(), null);
    }

    /**
     * The component an object belongs to: the component named by its {@code app.kubernetes.io/name}
     * label, else the longest component name that equals the object's name or prefixes it followed by
     * {@code -} (for example {@code db-backup} belongs to {@code db}); {@code null} when none.
     */
    public String componentOf(Map<String, Object> object) {
        Object label = ObjectTrees.labels(object).get("app.kubernetes.io/name");
        if (label != null && componentLocations.containsKey(label.toString())) {
            return label.toString();
        }
        // The longest match is the whole name, else the longest prefix ending before a '-': try those
        // from the longest, each a map lookup (time proportional to the name, not to the components).
        String name = ObjectTrees.key(object).name();
        if (componentLocations.containsKey(name)) {
            return name;
        }
        for (int dash = name.lastIndexOf('-'); dash >= 0; dash = name.lastIndexOf('-', dash - 1)) {
            if (componentLocations.containsKey(name.substring(0, dash))) {
                return name.substring(0, dash);
            }
        }
        return null;
    }
}
