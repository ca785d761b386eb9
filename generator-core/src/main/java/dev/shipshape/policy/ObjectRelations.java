package dev.shipshape.policy;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * CEL functions for rules with target {@code set}, which relate one object to the others of
 * its environment. Engine only (never exported to the API server).
 *
 * <p>Functions of one object:
 * <ul>
 *   <li>{@code podSpec(workload)}, {@code podLabels(workload)}: the pod spec and the pod labels of a
 *       workload (its pod template, a CronJob's job template), {@code {}} when absent</li>
 *   <li>{@code sameNamespace(a, b)}: both objects have the same {@code metadata.namespace}</li>
 *   <li>{@code scales(hpa, workload)}: a HorizontalPodAutoscaler's (or KEDA ScaledObject's) {@code scaleTargetRef} names the
 *       workload (kind and name, same namespace)</li>
 * </ul>
 *
 * <p>Lookups in the environment's objects: the receiver or argument {@code objects} is the
 * {@link ObjectIndex} the engine builds once per environment, so each costs time proportional to
 * what it finds, not to the number of objects (any other list is indexed on the spot, in linear time).
 * Every lookup returns objects in rendering order, exactly the objects the equivalent
 * {@code objects.filter(...)} over {@link LabelSelectors} and the functions above would:
 * <ul>
 *   <li>{@code workloads(objects)}: the objects that run pods (Pod, Deployment, StatefulSet,
 *       DaemonSet, ReplicaSet, Job, CronJob)</li>
 *   <li>{@code replicas(workload, objects)}: the workload's lowest replica count: {@code spec.replicas},
 *       else the lowest {@code minReplicas} of the HPAs scaling it (default 1, as Kubernetes defaults
 *       it), else 1 (the Kubernetes default of {@code spec.replicas})</li>
 *   <li>{@code objects.ofKind(kind)}: the objects of a kind, in every namespace</li>
 *   <li>{@code objects.named(kind, namespace, name)}: the objects with that kind, namespace
 *       ({@code ''} for none) and name (at most one in a valid set)</li>
 *   <li>{@code objects.selecting(object, kind)}: the NetworkPolicies ({@code spec.podSelector}),
 *       PodDisruptionBudgets ({@code spec.selector}, none when absent) or Services
 *       ({@code spec.selector}, Service semantics) of the object's namespace whose selector selects
 *       the object's pods ({@code podLabels(object)})</li>
 *   <li>{@code objects.selectedBy(object)}: the inverse: the workloads of its namespace whose pods a
 *       NetworkPolicy, PodDisruptionBudget or Service selects; the Services a ServiceMonitor selects
 *       ({@code spec.selector} in the namespaces of {@code spec.namespaceSelector}: {@code any},
 *       {@code matchNames}, else its own)</li>
 *   <li>{@code objects.matchingWorkloads(namespace, selector)}: the workloads of a namespace whose pod
 *       labels a {@code metav1.LabelSelector} selects (a NetworkPolicy peer's {@code podSelector})</li>
 *   <li>{@code objects.autoscalers(workload)}: the HorizontalPodAutoscalers (and KEDA ScaledObjects) scaling it
 *       ({@code scales(hpa, workload)}); {@code objects.scaleTargets(hpa)}: the objects its
 *       {@code scaleTargetRef} names</li>
 *   <li>{@code objects.ingressesRouting(host, path)}: the Ingresses (any namespace) with a rule for the
 *       host ({@code ''} when a rule has none) and an HTTP path ({@code '/'} when a path has none)</li>
 *   <li>{@code objects.serviceAccountBindings(namespace, name)}: the RoleBindings and ClusterRoleBindings
 *       with that ServiceAccount as a subject (a subject without namespace is in its binding's)</li>
 * </ul>
 * A malformed selector met by a lookup (an unknown operator, a {@code matchLabels} that is not a map) is
 * an evaluation error, as in {@link LabelSelectors#selects}.
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
                        CelOverloadDecl.newGlobalOverload(PREFIX + "replicas", SimpleType.INT, dyn, dyn)),
                member("ofKind", list, SimpleType.STRING),
                member("named", list, SimpleType.STRING, dyn, dyn),
                member("selecting", list, dyn, SimpleType.STRING),
                member("selectedBy", list, dyn),
                member("matchingWorkloads", list, dyn, dyn),
                member("autoscalers", list, dyn),
                member("scaleTargets", list, dyn),
                member("ingressesRouting", list, dyn, dyn),
                member("serviceAccountBindings", list, dyn, dyn));
    }

    /** The runtime bindings of the functions. */
    public List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from(PREFIX + "workloads", Object.class, ObjectRelations::workloads),
                CelFunctionBinding.from(PREFIX + "pod_spec", Object.class, ObjectRelations::podSpec),
                CelFunctionBinding.from(PREFIX + "pod_labels", Object.class, ObjectRelations::podLabels),
                CelFunctionBinding.from(PREFIX + "same_namespace", Object.class, Object.class, ObjectRelations::sameNamespace),
                CelFunctionBinding.from(PREFIX + "scales", Object.class, Object.class, ObjectRelations::scales),
                CelFunctionBinding.from(PREFIX + "replicas", Object.class, Object.class, ObjectRelations::replicas),
                lookup("ofKind", 1, (index, args) -> index.ofKind(args[1])),
                lookup("named", 3, (index, args) -> index.named(args[1], args[2], args[3])),
                lookup("selecting", 2, (index, args) -> index.selecting(args[1], args[2])),
                lookup("selectedBy", 1, (index, args) -> index.selectedBy(args[1])),
                lookup("matchingWorkloads", 2, (index, args) -> index.matchingWorkloads(args[1], args[2])),
                lookup("autoscalers", 1, (index, args) -> index.autoscalers(args[1])),
                lookup("scaleTargets", 1, (index, args) -> index.scaleTargets(args[1])),
                lookup("ingressesRouting", 2, (index, args) -> index.ingressesRouting(args[1], args[2])),
                lookup("serviceAccountBindings", 2, (index, args) -> index.serviceAccountBindings(args[1], args[2])));
    }

    /** A member function of the list {@code objects}: {@code objects.name(parameters)}. */
    private static CelFunctionDecl member(String name, CelType result, CelType... parameters) {
        List<CelType> types = new ArrayList<>();
        types.add(ListType.create(SimpleType.DYN));
        types.addAll(List.of(parameters));
        return CelFunctionDecl.newFunctionDeclaration(name, CelOverloadDecl.newMemberOverload(overload(name), result, types));
    }

    /** The binding of a member function of {@code objects}, evaluated on its {@link ObjectIndex}. */
    private static CelFunctionBinding lookup(String name, int parameters, Lookup lookup) {
        return CelFunctionBinding.from(overload(name), Collections.nCopies(parameters + 1, Object.class),
                args -> lookup.apply(ObjectIndex.of(args[0]), args));
    }

    private static String overload(String name) {
        return PREFIX + "objects_" + name;
    }

    /** A lookup on the index; {@code args[0]} is the receiver, the parameters follow. */
    @FunctionalInterface
    private interface Lookup {
        Object apply(ObjectIndex index, Object[] args) throws CelEvaluationException;
    }

    /**
     * The workloads among {@code objects}.
     *
     * @throws CelEvaluationException when {@code objects} is not a list of objects
     */
    public static List<Object> workloads(Object objects) throws CelEvaluationException {
        return ObjectIndex.of(objects).workloads();
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

    /**
     * True when {@code hpa} is a HorizontalPodAutoscaler or a KEDA ScaledObject (which drives an HPA
     * of its own) whose {@code scaleTargetRef} names {@code workload}.
     */
    public static boolean scales(Object hpa, Object workload) {
        Map<?, ?> autoscaler = map(hpa);
        Map<?, ?> target = map(map(autoscaler.get("spec")).get("scaleTargetRef"));
        Map<?, ?> object = map(workload);
        return isAutoscaler(hpa)
                && sameNamespace(hpa, workload)
                && Objects.equals(target.get("kind"), object.get("kind"))
                && Objects.equals(target.get("name"), map(object.get("metadata")).get("name"));
    }

    /**
     * The lowest number of replicas a workload runs (see the class comment).
     *
     * @throws CelEvaluationException when {@code objects} is not a list of objects
     */
    public static long replicas(Object workload, Object objects) throws CelEvaluationException {
        Object replicas = map(map(workload).get("spec")).get("replicas");
        if (replicas instanceof Number number) {
            return number.longValue();
        }
        return ObjectIndex.of(objects).autoscalers(workload).stream()
                .mapToLong(ObjectRelations::minReplicas)
                .min()
                .orElse(1L);
    }

    /** Whether an object tree is a HorizontalPodAutoscaler or a KEDA ScaledObject (keda.sh/v1alpha1). */
    static boolean isAutoscaler(Object object) {
        Map<?, ?> tree = map(object);
        return "HorizontalPodAutoscaler".equals(tree.get("kind"))
                || "ScaledObject".equals(tree.get("kind")) && "keda.sh/v1alpha1".equals(tree.get("apiVersion"));
    }

    /** An HPA's {@code minReplicas} (default 1), or a KEDA ScaledObject's {@code minReplicaCount} (default 0). */
    private static long minReplicas(Object autoscaler) {
        Map<?, ?> spec = map(map(autoscaler).get("spec"));
        if ("ScaledObject".equals(map(autoscaler).get("kind"))) {
            return spec.get("minReplicaCount") instanceof Number n ? n.longValue() : 0L;
        }
        return spec.get("minReplicas") instanceof Number n ? n.longValue() : 1L;
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

    /** The namespace of an object tree, {@code ""} when absent. */
    static String namespace(Object object) {
        Object namespace = map(map(object).get("metadata")).get("namespace");
        return namespace == null ? "" : namespace.toString();
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

}
