package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.model.ObjectKey;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The chart's Helm hooks (helm.sh/docs/topics/charts_hooks): every batch/v1 Job of the model (the
 * {@code job} kind's tasks, such as migrations) runs as a {@code post-install,pre-upgrade} hook: on an
 * upgrade Helm runs it to completion before it applies the release's new objects, so no component
 * serves the new version before it succeeded; on the first install it runs once the release's
 * objects exist (the Namespace, the Secrets, the database it uses and the NetworkPolicy that admits
 * it — a pre-install hook would find none of them), and a failure fails the release; {@code before-hook-creation,hook-succeeded} deletes the previous run first and a
 * successful run afterwards. The Job's own ServiceAccount and NetworkPolicy (named like the
 * ServiceAccount its pods run as) are hooks of a lower weight, so they exist before its pod
 * starts, also on an upgrade that adds the job. This is the one way the chart's objects differ
 * from the Kustomize output's (HelmEquivalenceTest compares them without these annotations).
 */
final class HelmHooks {

    /** The hook annotation. */
    static final String HOOK = "helm.sh/hook";
    /** The hook's ordering annotation: lower weights run first. */
    static final String WEIGHT = "helm.sh/hook-weight";
    /** When Helm deletes a hook's objects. */
    static final String DELETE_POLICY = "helm.sh/hook-delete-policy";
    /** After the release's objects on the first install (what the task needs exists then), before them on every upgrade. */
    static final String PHASES = "post-install,pre-upgrade";

    private HelmHooks() {
    }

    /**
     * One view's trees with the hook annotations added (copies of the hook objects; the others
     * unchanged and still shared).
     *
     * @param view the view's object trees by key; trees are read-only and not modified
     */
    static SortedMap<ObjectKey, ObjectNode> annotate(SortedMap<ObjectKey, ObjectNode> view) {
        Set<String> accounts = new HashSet<>();
        view.values().stream().filter(HelmHooks::isJob)
                .forEach(job -> accounts.add(job.at("/spec/template/spec/serviceAccountName").asText()));
        view.replaceAll((key, tree) -> {
            if (isJob(tree)) {
                return annotated(tree, "0", "before-hook-creation,hook-succeeded");
            }
            boolean ownObject = (key.kind().equals("ServiceAccount") || key.kind().equals("NetworkPolicy")) && accounts.contains(key.name());
            return ownObject ? annotated(tree, "-10", "before-hook-creation") : tree;
        });
        return view;
    }

    private static boolean isJob(JsonNode tree) {
        return tree.path("kind").asText().equals("Job") && tree.path("apiVersion").asText().equals("batch/v1");
    }

    private static ObjectNode annotated(ObjectNode tree, String weight, String deletePolicy) {
        ObjectNode copy = tree.deepCopy();
        ObjectNode metadata = (ObjectNode) copy.path("metadata");
        Map<String, JsonNode> existing = new LinkedHashMap<>();
        metadata.path("annotations").properties().forEach(e -> existing.put(e.getKey(), e.getValue()));
        ObjectNode annotations = metadata.putObject("annotations");
        existing.put(HOOK, annotations.textNode(PHASES));
        existing.put(DELETE_POLICY, annotations.textNode(deletePolicy));
        existing.put(WEIGHT, annotations.textNode(weight));
        existing.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> annotations.set(e.getKey(), e.getValue()));
        return copy;
    }
}
