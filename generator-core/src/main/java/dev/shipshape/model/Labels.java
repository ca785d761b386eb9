package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.ImageReference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides the labels of every object and pod template of one application view: the Kubernetes
 * recommended labels ({@code app.kubernetes.io/*}, kubernetes.io/docs/concepts/overview/working-with-objects/common-labels)
 * on everything, and selectors made of exactly {@code name} and {@code instance}, which never
 * change over an object's life (a Deployment's selector is immutable).
 */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    static final String INSTANCE = "app.kubernetes.io/instance";
    static final String VERSION = "app.kubernetes.io/version";
    static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** The {@code managed-by} value of everything shipshape emits. */
    public static final String MANAGER = "shipshape";
    /** The {@code component} value of objects that belong to the whole application. */
    static final String APPLICATION_ROLE = "application";

    /** A valid label value: at most 63 characters, alphanumeric at both ends (Kubernetes API conventions). */
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    private final Application app;

    /** @param app the application view whose objects are labelled */
    public Labels(Application app) {
        this.app = app;
    }

    /** The labels of a component's objects and pod templates. */
    public Map<String, String> component(Component component) {
        return labels(component.name(), component.role(), version(component.image()));
    }

    /** The labels of objects that belong to the whole application (Namespace, default NetworkPolicies, rules). */
    public Map<String, String> application() {
        return labels(app.name(), APPLICATION_ROLE, app.version());
    }

    /**
     * The labels of pods and objects a component derives besides its own workload (a database's
     * backup, restore and drill pods): their own {@code name}, so selectors never match the
     * component's pods, and the component's image tag as the version.
     *
     * @param name  the derived name, one of the component's {@link Component#derivedNames()}
     * @param role  the {@code app.kubernetes.io/component} value, for example {@code backup}
     * @param image the image whose tag is the version, or {@code null} for the application's version
     */
    public Map<String, String> derived(String name, String role, ImageReference image) {
        return labels(name, role, version(image));
    }

    /** The selector of a component's pods: exactly {@code name} and {@code instance}. */
    public Map<String, String> selector(Component component) {
        return selector(component.name());
    }

    /** The selector of the pods named {@code name}: exactly {@code name} and {@code instance}. */
    public Map<String, String> selector(String name) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(NAME, name);
        selector.put(INSTANCE, app.name());
        return Collections.unmodifiableMap(selector);
    }

    private Map<String, String> labels(String name, String role, String version) {
        Map<String, String> labels = new LinkedHashMap<>(selector(name));
        labels.put(COMPONENT, role);
        labels.put(PART_OF, app.name());
        labels.put(VERSION, version);
        labels.put(MANAGED_BY, MANAGER);
        return Collections.unmodifiableMap(labels);
    }

    /** The image tag when it is a valid label value, else the application's version. */
    private String version(ImageReference image) {
        if (image != null && image.tag() != null && LABEL_VALUE.matcher(image.tag()).matches()) {
            return image.tag();
        }
        return app.version();
    }
}
