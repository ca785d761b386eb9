package dev.shipshape.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CEL functions for rules with target {@code set}, which relate one object to the others of
 * its environment. Engine only (never exported to the API server):
 *
 * <ul>
 *   <li>{@code workloads(objects)}: the objects that run pods (Pod, Deployment, StatefulSet,
 *       DaemonSet, ReplicaSet, Job, CronJob)</li>
 *   <li>{@code podSpec(workload)}, {@code podLabels(workload)}: the pod spec and the pod labels of a
 *       workload (its pod template, a CronJob's job template), {@code {}} when absent</li>
 *   <li>{@code sameNamespace(a, b)}: both objects have the same {@code metadata.namespace}</li>
 *   <li>{@code scales(hpa, workload)}: a HorizontalPodAutoscaler's {@code scaleTargetRef} names the
 *       workload (kind and name, same namespace)</li>
 *   <li>{@code replicas(workload, objects)}: the workload's lowest replica count: {@code spec.replicas},
 *       else the lowest {@code minReplicas} of the HPAs scaling it (default 1, as Kubernetes defaults
 *       it), else 1 (the Kubernetes default of {@code spec.replicas})</li>
 * </ul>
 */
public final class ObjectRelations {

    /** Kinds whose objects run pods. */
    public static final Set<String> WORKLOAD_KINDS = Set.of("Pod", "Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job", "CronJob");

    private static final String PREFIX = LabelSelectors.OVERLOAD_PREFIX;

    /** The CEL declarations of the functions. */
    public List<CelFunctionDecl> declarations() {
        var dyn = SimpleType.DYN;
        var list = ListType.create(dyn);
        var map = MapType.create(dyn, dyn);
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("workloads", CelOverloadDecl.newGlobalOverload(PREFIX + "workloads", list, dyn)),
                CelFunctionDecl.newFunctionDeclaration("podSpec", CelOverloadDecl.newGlobalOverload(PREFIX + "pod_spec", map, dyn)),
                CelFunctionDecl.newFunctionDeclaration("podLabels", CelOverloadDecl.newGlobalOverload(PREFIX + "pod_labels", map, dyn)),
                CelFunctionDecl.newFunctionDeclaration("sameNamespace",
                        CelOverloadDecl.newGlobalOverload(PREFIX + "same_namespace", SimpleType.BOOL, dyn, dyn)),
                CelFunctionDecl.newFunctionDeclaration("scales",
                        CelOverloadDecl.newGlobalOverload(PREFIX + "scales", SimpleType.BOOL, dyn, dyn)),
                CelFunctionDecl.newFunctionDeclaration("replicas",
                        CelOverloadDecl.newGlobalOverload(PREFIX + "replicas", SimpleType.INT, dyn, dyn)));
    }

    /** The runtime bindings of the functions. */
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from(PREFIX + "workloads", Object.class, objects -> workloads(objects)),
                CelFunctionBinding.from(PREFIX + "pod_spec", Object.class, ObjectRelations::podSpec),
                CelFunctionBinding.from(PREFIX + "pod_labels", Object.class, ObjectRelations::podLabels),
                CelFunctionBinding.from(PREFIX + "same_namespace", Object.class, Object.class, ObjectRelations::sameNamespace),
                CelFunctionBinding.from(PREFIX + "scales", Object.class, Object.class, ObjectRelations::scales),
                CelFunctionBinding.from(PREFIX + "replicas", Object.class, Object.class, ObjectRelations::replicas));
    }

    /** The workloads among {@code objects}. */
    public static List<Object> workloads(Object objects) {
        return list(objects).stream().filter(o -> WORKLOAD_KINDS.contains(String.valueOf(map(o).get("kind")))).map(o -> (Object) o).toList();
    }

    /** The pod spec of a workload, or an empty map. */
    public static Map<?, ?> podSpec(Object workload) {
        return map(podTemplate(workload).get("spec"));
    }

    /** The pod labels of a workload, or an empty map. */
    public static Map<?, ?> podLabels(Object workload) {
        return map(map(podTemplate(workload).get("metadata")).get("labels"));
    }

    /** True when both objects are in the same namespace (absent counts as {@code ""}). */
    public static boolean sameNamespace(Object a, Object b) {
        return namespace(a).equals(namespace(b));
    }

    /** True when {@code hpa} is a HorizontalPodAutoscaler whose {@code scaleTargetRef} names {@code workload}. */
    public static boolean scales(Object hpa, Object workload) {
        Map<?, ?> autoscaler = map(hpa);
        Map<?, ?> target = map(map(autoscaler.get("spec")).get("scaleTargetRef"));
        Map<?, ?> object = map(workload);
        return "HorizontalPodAutoscaler".equals(autoscaler.get("kind"))
                && sameNamespace(hpa, workload)
                && Objects.equals(target.get("kind"), object.get("kind"))
                && Objects.equals(target.get("name"), map(object.get("metadata")).get("name"));
    }

    /** The lowest number of replicas a workload runs (see the class comment). */
    public static long replicas(Object workload, Object objects) {
        Object replicas = map(map(workload).get("spec")).get("replicas");
        if (replicas instanceof Number number) {
            return number.longValue();
        }
        return list(objects).stream()
                .filter(o -> scales(o, workload))
                .mapToLong(hpa -> map(map(hpa).get("spec")).get("minReplicas") instanceof Number n ? n.longValue() : 1L)
                .min()
                .orElse(1L);
    }

    private static Map<?, ?> podTemplate(Object workload) {
        Map<?, ?> object = map(workload);
        String kind = String.valueOf(object.get("kind"));
        if (!WORKLOAD_KINDS.contains(kind)) {
            return Map.of();
        }
        if (kind.equals("Pod")) {
            return object;
        }
        Map<?, ?> spec = map(object.get("spec"));
        if (kind.equals("CronJob")) {
            spec = map(map(spec.get("jobTemplate")).get("spec"));
        }
        return map(spec.get("template"));
    }

    private static String namespace(Object object) {
        Object namespace = map(map(object).get("metadata")).get("namespace");
        return namespace == null ? "" : namespace.toString();
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
