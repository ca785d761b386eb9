package dev.shipshape.render.helm;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The naming scheme of a chart's values: values are organised by component — the object's
 * {@code app.kubernetes.io/name} label, split into the spec component and a part, so the
 * {@code db-backup} objects of component {@code db} read {@code db.backup.*} — and named with
 * identifiers derived from the Kubernetes names (lower camel case: {@code restore-drill} becomes
 * {@code restoreDrill}). Objects of the whole application (label
 * {@code app.kubernetes.io/component: application}) are grouped under {@code application}.
 *
 * @param componentNames the spec's component names in every view
 */
record ValueNames(Set<String> componentNames) {

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    /** The {@code app.kubernetes.io/component} value of the objects that belong to the whole application. */
    static final String APPLICATION_ROLE = "application";
    /** Path segments left out of fallback names: they are on every workload path and say nothing. */
    private static final Set<String> STRUCTURAL = Set.of("spec", "template", "jobTemplate");

    ValueNames {
        componentNames = Set.copyOf(componentNames);
    }

    /**
     * The group of an object's values.
     *
     * @param object       the object's JSON tree
     * @param byObjectName group by {@code metadata.name} instead of the name label (CronJobs of one
     *                     database share a label but each has its own schedule)
     */
    List<String> group(JsonNode object, boolean byObjectName) {
        JsonNode labels = object.path("metadata").path("labels");
        if (!byObjectName && APPLICATION_ROLE.equals(labels.path(COMPONENT_LABEL).asText())) {
            return List.of(APPLICATION_ROLE);
        }
        String name = byObjectName || !labels.path(NAME_LABEL).isTextual()
                ? object.path("metadata").path("name").asText() : labels.path(NAME_LABEL).asText();
        return componentGroup(name);
    }

    /**
     * The part of an object's name that tells it apart within its group, for example
     * {@code restoreDrill} for CronJob {@code db-restore-drill} of group {@code db.backup}, or
     * {@code ""} when the name is the group's own.
     */
    String distinction(JsonNode object) {
        String name = object.path("metadata").path("name").asText();
        JsonNode labels = object.path("metadata").path("labels");
        if (name.equals(labels.path(NAME_LABEL).asText())) {
            return "";
        }
        String component = component(name);
        String rest = component != null && name.startsWith(component + "-") ? name.substring(component.length() + 1) : name;
        return component != null && rest.equals(component) ? "" : identifier(rest);
    }

    /** {@code <kind in lower camel case><Distinction>}, for example {@code cronJobRestoreDrill} or {@code podDisruptionBudget}. */
    String objectPart(JsonNode object) {
        String kind = object.path("kind").asText();
        return identifier(kind) + upperFirst(distinction(object));
    }

    /**
     * A readable identifier for a field path of an object, for the fallback name of a field no
     * rule names: list elements by their {@code name} or {@code metadata.name} (else {@code item<index>}), structural
     * segments ({@code spec}, {@code template}) dropped, for example {@code containersApiEnvLogLevelValue}.
     */
    String pathPart(JsonNode object, JsonPointer pointer) {
        List<String> words = new ArrayList<>();
        JsonNode node = object;
        for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
            String segment = rest.getMatchingProperty();
            if (node.isArray()) {
                int index = rest.getMatchingIndex();
                JsonNode element = node.path(index);
                JsonNode name = element.path("name").isTextual() ? element.path("name") : element.path("metadata").path("name");
                words.add(name.isTextual() ? name.asText() : "item" + index);
                node = element;
            } else {
                if (!STRUCTURAL.contains(segment)) {
                    words.add(segment);
                }
                node = node.path(segment);
            }
        }
        if (words.isEmpty()) {
            words.add("value");
        }
        StringBuilder out = new StringBuilder(identifier(words.get(0)));
        words.subList(1, words.size()).forEach(word -> out.append(upperFirst(identifier(word))));
        return out.toString();
    }

    /** The spec component an object name belongs to: equal to it or starting with {@code <component>-}, the longest such; {@code null} if none. */
    private String component(String name) {
        // the candidates are the name itself and its prefixes ending before a '-', longest first:
        // one set lookup each, instead of a scan of every component name
        for (int end = name.length(); end > 0; end = name.lastIndexOf('-', end - 1)) {
            String candidate = name.substring(0, end);
            if (componentNames.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private List<String> componentGroup(String name) {
        String component = component(name);
        if (component == null) {
            return List.of(identifier(name));
        }
        if (name.equals(component)) {
            return List.of(identifier(component));
        }
        return List.of(identifier(component), identifier(name.substring(component.length() + 1)));
    }

    /**
     * A Go identifier for a Kubernetes name: kept as is when it already is one
     * ({@code POSTGRES_URL}), else lower camel case of its alphanumeric words
     * ({@code db-backup} → {@code dbBackup}, {@code app.kubernetes.io/version} → {@code appKubernetesIoVersion}),
     * prefixed with {@code n} when it would start with a digit.
     */
    static String identifier(String text) {
        if (ValueKey.IDENTIFIER.matcher(text).matches()) {
            return text.equals(text.toUpperCase(Locale.ROOT)) ? text : lowerFirst(text);
        }
        StringBuilder out = new StringBuilder();
        for (String word : text.split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                out.append(out.length() == 0 ? lowerFirst(word) : upperFirst(word));
            }
        }
        if (out.length() == 0) {
            return "value";
        }
        return Character.isDigit(out.charAt(0)) ? "n" + out : out.toString();
    }

    static String upperFirst(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String lowerFirst(String word) {
        return word.isEmpty() ? word : Character.toLowerCase(word.charAt(0)) + word.substring(1);
    }
}
