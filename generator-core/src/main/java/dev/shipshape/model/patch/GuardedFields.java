package dev.shipshape.model.patch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a generated object that a patch may not change, because other generated objects
 * and the renderings rely on them: {@code apiVersion}, {@code kind}, {@code metadata.name} and
 * {@code metadata.namespace} (objects refer to each other, and the overlays and chart to the
 * objects, by them); {@code spec.selector}, {@code spec.podSelector} and
 * {@code spec.scaleTargetRef} (a workload's immutable selector, a NetworkPolicy's pods, an
 * autoscaler's target); and the shipshape {@code app.kubernetes.io/*} labels of the object and of
 * its pod templates (Services, PodDisruptionBudgets and NetworkPolicies select pods by them)
 * except {@code app.kubernetes.io/version}. Labels and fields of one's own may be added.
 */
final class GuardedFields {

    private static final List<String> FIELDS = List.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace",
            "/spec/selector", "/spec/podSelector", "/spec/scaleTargetRef");
    private static final String LABEL_PREFIX = "app.kubernetes.io/";
    private static final String VERSION_LABEL = "app.kubernetes.io/version";
    private static final List<String> LABEL_MAPS = List.of("/metadata/labels", "/spec/template/metadata/labels",
            "/spec/jobTemplate/metadata/labels", "/spec/jobTemplate/spec/template/metadata/labels");

    private GuardedFields() {
    }

    /**
     * @param before the generated object's tree
     * @param after  the patched tree
     * @return the first guarded field the patch changed or removed, dotted ({@code metadata.labels.app.kubernetes.io/name}), if any
     */
    static Optional<String> changed(JsonNode before, JsonNode after) {
        for (String pointer : guarded(before)) {
            JsonPointer at = JsonPointer.compile(pointer);
            if (!before.at(at).equals(after.at(at))) {
                return Optional.of(dotted(at));
            }
        }
        return Optional.empty();
    }

    private static List<String> guarded(JsonNode before) {
        List<String> pointers = new ArrayList<>(FIELDS);
        for (String map : LABEL_MAPS) {
            for (Map.Entry<String, JsonNode> label : before.at(map).properties()) {
                if (label.getKey().startsWith(LABEL_PREFIX) && !label.getKey().equals(VERSION_LABEL)) {
                    pointers.add(map + "/" + label.getKey().replace("~", "~0").replace("/", "~1"));
                }
            }
        }
        return pointers;
    }

    private static String dotted(JsonPointer pointer) {
        List<String> segments = new ArrayList<>();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            segments.add(p.getMatchingProperty());
        }
        return String.join(".", segments);
    }
}
