package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test helpers over a list of model objects: look-up by kind and name, pod templates, label selection. */
final class ModelObjects {

    private ModelObjects() {
    }

    /** The object of that type and name. */
    static <T extends HasMetadata> T get(List<HasMetadata> objects, Class<T> type, String name) {
        return find(objects, type, name).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name
                + " in " + objects.stream().map(o -> ObjectKey.of(o).toString()).toList()));
    }

    /** The object of that type and name, if any. */
    static <T extends HasMetadata> Optional<T> find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    /** The kind/name of every object, in model order. */
    static List<String> kindsAndNames(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    /** Every pod template in the objects (Deployments, StatefulSets, CronJobs). */
    static List<PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        return objects.stream().map(ModelObjects::podTemplate).flatMap(Optional::stream).toList();
    }

    /** The pod template of a workload, if it has one. */
    static Optional<PodTemplateSpec> podTemplate(HasMetadata object) {
        if (object instanceof Deployment deployment) {
            return Optional.of(deployment.getSpec().getTemplate());
        }
        if (object instanceof StatefulSet statefulSet) {
            return Optional.of(statefulSet.getSpec().getTemplate());
        }
        if (object instanceof CronJob cronJob) {
            return Optional.of(cronJob.getSpec().getJobTemplate().getSpec().getTemplate());
        }
        return Optional.empty();
    }

    /** Whether a label selector (matchLabels AND matchExpressions, only {@code In} is used) selects these labels. */
    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        boolean byLabels = selector.getMatchLabels() == null
                || selector.getMatchLabels().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        boolean byExpressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(r -> r.getOperator().equals("In") && r.getValues().contains(labels.get(r.getKey())));
        return byLabels && byExpressions;
    }

    /** Whether a Service-style selector (plain labels) selects these labels. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
