package dev.shipshape.policy;

import dev.cel.runtime.CelEvaluationException;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;

/**
 * The objects of one environment, indexed once so that a {@code set} rule relates an object to the
 * others in time proportional to the objects it finds, not to the size of the environment. It is the
 * CEL variable {@code objects}: a read-only list of the object trees in rendering order (so
 * {@code objects.exists(...)} still sees every object), and the receiver of the lookups of
 * {@link ObjectRelations} ({@code objects.selecting(object, 'NetworkPolicy')}, ...).
 *
 * <p>Built in one pass over the objects (time and memory linear in their number), it holds:
 * <ul>
 *   <li>objects by kind, and by kind, namespace and name;</li>
 *   <li>workloads ({@link ObjectRelations#WORKLOAD_KINDS}) by namespace, and by namespace and one
 *       pod-template label ({@code key=value}); Services by one {@code metadata.labels} pair;</li>
 *   <li>for each kind that selects pods (NetworkPolicy {@code spec.podSelector}, PodDisruptionBudget
 *       {@code spec.selector}, Service {@code spec.selector}): each object filed under one pair of its
 *       {@code matchLabels} (the pair the fewest workloads of its namespace carry), or in a per-namespace
 *       fallback bucket when it has no {@code matchLabels} (an empty selector, {@code matchExpressions}
 *       only, or a malformed selector). The pods a selector selects carry every pair of its
 *       {@code matchLabels}, so the candidates for a workload are the buckets of its own pod labels plus
 *       the fallback; each candidate is then checked with the exact semantics of
 *       {@link LabelSelectors#selects} or {@link LabelSelectors#serviceSelects};</li>
 *   <li>HorizontalPodAutoscalers by their {@code scaleTargetRef} (kind, namespace, name), Ingresses
 *       by routed host and path, RoleBindings and ClusterRoleBindings by ServiceAccount subject.</li>
 * </ul>
 * Every lookup returns objects in rendering order, as filtering {@code objects} would. Immutable once
 * built (the ServiceMonitors by Service are filed on the first lookup that needs them); one
 * evaluation builds one index per environment.
 */
public final class ObjectIndex extends AbstractList<Object> implements RandomAccess {

    /** The kinds whose selectors {@link #selecting} and {@link #selectedBy} resolve against workload pods. */
    public static final List<String> POD_SELECTING_KINDS = List.of("NetworkPolicy", "PodDisruptionBudget", "Service");

    private static final String SERVICE_MONITOR = "ServiceMonitor";

    private final List<Map<String, Object>> objects;
    private final Map<Object, List<Object>> byKind = new HashMap<>();
    private final Map<Name, List<Object>> byName = new HashMap<>();
    private final List<Object> workloads = new ArrayList<>();
    private final Map<String, List<Object>> workloadsByNamespace = new HashMap<>();
    private final Map<NamespacedLabel, List<Object>> workloadsByPodLabel = new HashMap<>();
    private final List<Object> services = new ArrayList<>();
    private final Map<NamespacedLabel, List<Object>> servicesByLabel = new HashMap<>();
    private final Map<String, SelectorBuckets> selectorsByKind = new HashMap<>();
    private final Map<Name, List<Object>> autoscalersByTarget = new HashMap<>();
    private final Map<List<Object>, List<Object>> ingressesByRoute = new HashMap<>();
    private final Map<List<Object>, List<Object>> bindingsByServiceAccount = new HashMap<>();
    /** The ServiceMonitors by the Service they select, built on first use ({@link #monitorsSelecting}). */
    private volatile Map<Name, List<Object>> monitorsByService;

    /**
     * Indexes the objects of one environment.
     *
     * @param objects the object trees ({@link ObjectTrees}), in rendering order
     */
    public ObjectIndex(List<Map<String, Object>> objects) {
        this.objects = List.copyOf(objects);
        for (Map<String, Object> object : this.objects) {
            Object kind = object.get("kind");
            String namespace = ObjectRelations.namespace(object);
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(object);
            byName.computeIfAbsent(new Name(kind, namespace, metadata(object).get("name")), k -> new ArrayList<>()).add(object);
            if (ObjectRelations.WORKLOAD_KINDS.contains(String.valueOf(kind))) {
                workloads.add(object);
                workloadsByNamespace.computeIfAbsent(namespace, k -> new ArrayList<>()).add(object);
                for (Map.Entry<?, ?> label : ObjectRelations.podLabels(object).entrySet()) {
                    workloadsByPodLabel.computeIfAbsent(new NamespacedLabel(namespace, label.getKey(), label.getValue()),
                            k -> new ArrayList<>()).add(object);
                }
            }
            if ("Service".equals(kind)) {
                services.add(object);
                for (Map.Entry<?, ?> label : map(metadata(object).get("labels")).entrySet()) {
                    servicesByLabel.computeIfAbsent(new NamespacedLabel(null, label.getKey(), label.getValue()),
                            k -> new ArrayList<>()).add(object);
                }
            }
            if (ObjectRelations.isAutoscaler(object)) {
                Map<?, ?> target = map(map(object.get("spec")).get("scaleTargetRef"));
                autoscalersByTarget.computeIfAbsent(new Name(target.get("kind"), namespace, target.get("name")),
                        k -> new ArrayList<>()).add(object);
            }
            if ("Ingress".equals(kind)) {
                indexRoutes(object);
            }
            if ("RoleBinding".equals(kind) || "ClusterRoleBinding".equals(kind)) {
                indexServiceAccountSubjects(object);
            }
        }
        // A second pass: the bucket of a selector depends on how many workloads carry each label.
        for (int position = 0; position < this.objects.size(); position++) {
            Map<String, Object> object = this.objects.get(position);
            String kind = String.valueOf(object.get("kind"));
            if (POD_SELECTING_KINDS.contains(kind)) {
                Selector selector = podSelector(object);
                if (selector != null) {
                    selectorsByKind.computeIfAbsent(kind, k -> new SelectorBuckets()).add(position, object, selector);
                }
            }
        }
    }

    /**
     * The index of a CEL list of objects: the list itself when it is an index, else a new index of it
     * (a rule that filtered {@code objects} first pays one linear pass).
     *
     * @throws CelEvaluationException when the value is not a list of maps
     */
    @SuppressWarnings("unchecked")
    public static ObjectIndex of(Object objects) throws CelEvaluationException {
        if (objects instanceof ObjectIndex index) {
            return index;
        }
        if (!(objects instanceof List<?> list) || !list.stream().allMatch(o -> o instanceof Map)) {
            throw new CelEvaluationException("expected the list of objects (objects), got "
                    + (objects == null ? "null" : objects.getClass().getSimpleName()));
        }
        return new ObjectIndex((List<Map<String, Object>>) list);
    }

    @Override
    public Object get(int index) {
        return objects.get(index);
    }

    @Override
    public int size() {
        return objects.size();
    }

    /** The objects of a kind, in every namespace. */
    public List<Object> ofKind(Object kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** The objects with this kind, namespace ({@code ""} for none) and {@code metadata.name}. */
    public List<Object> named(Object kind, Object namespace, Object name) {
        return byName.getOrDefault(new Name(kind, String.valueOf(namespace), name), List.of());
    }

    /** The workloads ({@link ObjectRelations#WORKLOAD_KINDS}), in every namespace. */
    public List<Object> workloads() {
        return Collections.unmodifiableList(workloads);
    }

    /**
     * The objects of {@code kind} (one of {@link #POD_SELECTING_KINDS}) in the object's namespace whose
     * selector selects the object's pods ({@link ObjectRelations#podLabels}; an object that runs no pods
     * has none, so only empty label selectors select it). NetworkPolicy: {@code spec.podSelector}
     * ({@code {}} when absent); PodDisruptionBudget: {@code spec.selector} (none when absent); Service:
     * {@code spec.selector} with Service semantics (empty selects nothing). For {@code ServiceMonitor}
     * and a Service: the ServiceMonitors whose {@link #selectedBy} holds the Service, in any namespace
     * (found through an index of every ServiceMonitor's Services, built on the first such lookup).
     *
     * @throws CelEvaluationException for another kind, or a candidate whose selector is malformed
     */
    public List<Object> selecting(Object object, Object kind) throws CelEvaluationException {
        if (SERVICE_MONITOR.equals(kind)) {
            return monitorsSelecting(object);
        }
        if (!POD_SELECTING_KINDS.contains(String.valueOf(kind))) {
            throw new CelEvaluationException("selecting(object, kind) supports the kinds " + POD_SELECTING_KINDS
                    + " and " + SERVICE_MONITOR + ", not '" + kind + "'");
        }
        SelectorBuckets buckets = selectorsByKind.get(String.valueOf(kind));
        return buckets == null ? List.of()
                : buckets.selecting(ObjectRelations.namespace(object), ObjectRelations.podLabels(object));
    }

    /** The ServiceMonitors that select a Service, in rendering order; none for another object. */
    private List<Object> monitorsSelecting(Object service) throws CelEvaluationException {
        Map<?, ?> object = map(service);
        if (!"Service".equals(object.get("kind"))) {
            return List.of();
        }
        Map<Name, List<Object>> index = monitorsByService;
        if (index == null) {
            // threads racing here build equal indexes: the first one published wins, none is wrong
            index = indexMonitors();
            monitorsByService = index;
        }
        return index.getOrDefault(new Name("Service", ObjectRelations.namespace(service), metadata(object).get("name")), List.of());
    }

    /** Every ServiceMonitor under each Service it selects, in rendering order. */
    private Map<Name, List<Object>> indexMonitors() throws CelEvaluationException {
        Map<Name, List<Object>> index = new HashMap<>();
        for (Object monitor : byKind.getOrDefault(SERVICE_MONITOR, List.of())) {
            for (Object service : selectedBy(monitor)) {
                index.computeIfAbsent(new Name("Service", ObjectRelations.namespace(service), metadata(map(service)).get("name")),
                        k -> new ArrayList<>()).add(monitor);
            }
        }
        return Map.copyOf(index);
    }

    /**
     * What an object's own selector selects: the workloads of its namespace for a NetworkPolicy,
     * PodDisruptionBudget or Service (as in {@link #selecting}); the Services a ServiceMonitor's
     * {@code spec.selector} selects in the namespaces of its {@code spec.namespaceSelector}
     * ({@code any: true}: every namespace; {@code matchNames}: those; otherwise its own).
     *
     * @throws CelEvaluationException for another kind, or a malformed selector
     */
    public List<Object> selectedBy(Object object) throws CelEvaluationException {
        Map<?, ?> selectorObject = map(object);
        Object kind = selectorObject.get("kind");
        String namespace = ObjectRelations.namespace(object);
        if (SERVICE_MONITOR.equals(kind)) {
            return servicesSelectedBy(map(selectorObject.get("spec")), namespace);
        }
        if (!POD_SELECTING_KINDS.contains(String.valueOf(kind))) {
            throw new CelEvaluationException("selectedBy(object) supports the kinds " + POD_SELECTING_KINDS
                    + " and " + SERVICE_MONITOR + ", not '" + kind + "'");
        }
        Selector selector = podSelector(selectorObject);
        return selector == null ? List.of() : matchingWorkloads(namespace, selector);
    }

    /**
     * The workloads of a namespace whose pod labels a {@code metav1.LabelSelector} selects (for example a
     * NetworkPolicy peer's {@code podSelector}).
     *
     * @param namespace the namespace, {@code ""} for none
     * @param selector  the label selector
     * @throws CelEvaluationException when the selector is malformed
     */
    public List<Object> matchingWorkloads(Object namespace, Object selector) throws CelEvaluationException {
        return matchingWorkloads(String.valueOf(namespace), new Selector(selector, false));
    }

    /**
     * The HorizontalPodAutoscalers and KEDA ScaledObjects whose {@code scaleTargetRef} names the
     * object (kind, name, same namespace).
     */
    public List<Object> autoscalers(Object object) {
        Map<?, ?> target = map(object);
        return autoscalersByTarget.getOrDefault(new Name(target.get("kind"), ObjectRelations.namespace(object),
                metadata(target).get("name")), List.of());
    }

    /** The objects a HorizontalPodAutoscaler's or ScaledObject's {@code scaleTargetRef} names (none for another kind). */
    public List<Object> scaleTargets(Object autoscaler) {
        Map<?, ?> hpa = map(autoscaler);
        if (!ObjectRelations.isAutoscaler(hpa)) {
            return List.of();
        }
        Map<?, ?> target = map(map(hpa.get("spec")).get("scaleTargetRef"));
        return byName.getOrDefault(new Name(target.get("kind"), ObjectRelations.namespace(autoscaler), target.get("name")),
                List.of());
    }

    /**
     * The Ingresses (any namespace) with a rule for {@code host} ({@code ""} for a rule without host)
     * that has an HTTP path {@code path} ({@code "/"} for a path without {@code path}), each once.
     */
    public List<Object> ingressesRouting(Object host, Object path) {
        return ingressesByRoute.getOrDefault(List.of(host, path), List.of());
    }

    /**
     * The RoleBindings and ClusterRoleBindings with a ServiceAccount subject of this namespace and name
     * (a subject without namespace is in its binding's namespace), each once.
     */
    public List<Object> serviceAccountBindings(Object namespace, Object name) {
        return bindingsByServiceAccount.getOrDefault(List.of(namespace, name), List.of());
    }

    private List<Object> matchingWorkloads(String namespace, Selector selector) throws CelEvaluationException {
        List<Object> candidates = workloadsByNamespace.getOrDefault(namespace, List.of());
        if (selector.matchLabels() != null) {
            for (Map.Entry<?, ?> pair : selector.matchLabels().entrySet()) {
                List<Object> bucket = workloadsByPodLabel.getOrDefault(
                        new NamespacedLabel(namespace, pair.getKey(), pair.getValue()), List.of());
                if (bucket.size() < candidates.size()) {
                    candidates = bucket;
                }
            }
        }
        List<Object> selected = new ArrayList<>();
        for (Object workload : candidates) {
            if (selector.selects(ObjectRelations.podLabels(workload))) {
                selected.add(workload);
            }
        }
        return selected;
    }

    private List<Object> servicesSelectedBy(Map<?, ?> spec, String ownNamespace) throws CelEvaluationException {
        Map<?, ?> namespaceSelector = map(spec.get("namespaceSelector"));
        boolean anyNamespace = Boolean.TRUE.equals(namespaceSelector.get("any"));
        Object matchNames = namespaceSelector.get("matchNames");
        if (!anyNamespace && matchNames != null && !(matchNames instanceof List<?>)) {
            throw new CelEvaluationException("namespaceSelector.matchNames must be a list");
        }
        Object selector = spec.get("selector") == null ? Map.of() : spec.get("selector");
        Selector labelSelector = new Selector(selector, false);
        List<Object> candidates = services;
        if (labelSelector.matchLabels() != null) {
            for (Map.Entry<?, ?> pair : labelSelector.matchLabels().entrySet()) {
                List<Object> bucket = servicesByLabel.getOrDefault(new NamespacedLabel(null, pair.getKey(), pair.getValue()), List.of());
                if (bucket.size() < candidates.size()) {
                    candidates = bucket;
                }
            }
        }
        List<Object> selected = new ArrayList<>();
        for (Object service : candidates) {
            String namespace = ObjectRelations.namespace(service);
            boolean inNamespace = anyNamespace || (matchNames instanceof List<?> names ? names.contains(namespace)
                    : namespace.equals(ownNamespace));
            if (inNamespace && labelSelector.selects(map(metadata(service).get("labels")))) {
                selected.add(service);
            }
        }
        return selected;
    }

    private void indexRoutes(Map<String, Object> ingress) {
        for (Object rule : list(map(ingress.get("spec")).get("rules"))) {
            Object host = map(rule).get("host") == null ? "" : map(rule).get("host");
            for (Object path : list(map(map(rule).get("http")).get("paths"))) {
                Object value = map(path).get("path") == null ? "/" : map(path).get("path");
                List<Object> routing = ingressesByRoute.computeIfAbsent(List.of(host, value), k -> new ArrayList<>());
                if (routing.isEmpty() || routing.get(routing.size() - 1) != ingress) {
                    routing.add(ingress);
                }
            }
        }
    }

    private void indexServiceAccountSubjects(Map<String, Object> binding) {
        Object bindingNamespace = metadata(binding).get("namespace") == null ? "" : metadata(binding).get("namespace");
        for (Object subject : list(binding.get("subjects"))) {
            Map<?, ?> s = map(subject);
            if ("ServiceAccount".equals(s.get("kind")) && s.get("name") != null) {
                Object subjectNamespace = s.get("namespace") == null ? bindingNamespace : s.get("namespace");
                List<Object> bindings = bindingsByServiceAccount.computeIfAbsent(List.of(subjectNamespace, s.get("name")),
                        k -> new ArrayList<>());
                if (bindings.isEmpty() || bindings.get(bindings.size() - 1) != binding) {
                    bindings.add(binding);
                }
            }
        }
    }

    /** The selector by which a pod-selecting object selects pods, or {@code null} when it selects none. */
    private static Selector podSelector(Map<?, ?> object) {
        Map<?, ?> spec = map(object.get("spec"));
        return switch (String.valueOf(object.get("kind"))) {
            case "NetworkPolicy" -> new Selector(spec.get("podSelector") == null ? Map.of() : spec.get("podSelector"), false);
            case "PodDisruptionBudget" -> spec.get("selector") == null ? null : new Selector(spec.get("selector"), false);
            case "Service" -> spec.get("selector") == null || map(spec.get("selector")).isEmpty() && spec.get("selector") instanceof Map<?, ?>
                    ? null : new Selector(spec.get("selector"), true);
            default -> null;
        };
    }

    private static Map<?, ?> metadata(Object object) {
        return map(map(object).get("metadata"));
    }

    private static Map<?, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    /** An object identity as the relations compare it: raw kind and name values, namespace {@code ""} when absent. */
    private record Name(Object kind, String namespace, Object name) {
    }

    /** One label pair, in a namespace ({@code null} when the index spans namespaces). */
    private record NamespacedLabel(String namespace, Object key, Object value) {
    }

    /**
     * A selector as written, with the pairs every selected label set must carry.
     *
     * @param selector    the selector value (a {@code metav1.LabelSelector}, or a Service's map)
     * @param service     true for a Service's {@code spec.selector}
     */
    private record Selector(Object selector, boolean service) {

        /** The pairs a selected label set carries, or {@code null} when there are none or the selector is malformed. */
        Map<?, ?> matchLabels() {
            Object pairs = service ? selector : map(selector).get("matchLabels");
            return pairs instanceof Map<?, ?> m && !m.isEmpty() ? m : null;
        }

        boolean selects(Map<?, ?> labels) throws CelEvaluationException {
            return service ? LabelSelectors.serviceSelects(selector, labels) : LabelSelectors.selects(selector, labels);
        }
    }

    /** The selectors of one kind, filed by namespace and one label pair, or in their namespace's fallback. */
    private final class SelectorBuckets {

        private final Map<NamespacedLabel, List<Entry>> byLabel = new HashMap<>();
        private final Map<String, List<Entry>> fallback = new HashMap<>();

        private record Entry(int position, Object object, Selector selector) {
        }

        void add(int position, Object object, Selector selector) {
            String namespace = ObjectRelations.namespace(object);
            Map<?, ?> pairs = selector.matchLabels();
            if (pairs == null) {
                fallback.computeIfAbsent(namespace, k -> new ArrayList<>()).add(new Entry(position, object, selector));
                return;
            }
            // Deterministic choice: the pair the fewest workloads carry, ties by key order.
            NamespacedLabel chosen = null;
            int fewest = Integer.MAX_VALUE;
            for (Map.Entry<?, ?> pair : new TreeMap<>(stringKeys(pairs)).values()) {
                NamespacedLabel label = new NamespacedLabel(namespace, pair.getKey(), pair.getValue());
                int carriers = workloadsByPodLabel.getOrDefault(label, List.of()).size();
                if (carriers < fewest) {
                    fewest = carriers;
                    chosen = label;
                }
            }
            byLabel.computeIfAbsent(chosen, k -> new ArrayList<>()).add(new Entry(position, object, selector));
        }

        List<Object> selecting(String namespace, Map<?, ?> podLabels) throws CelEvaluationException {
            List<Entry> candidates = new ArrayList<>(fallback.getOrDefault(namespace, List.of()));
            for (Map.Entry<?, ?> label : podLabels.entrySet()) {
                candidates.addAll(byLabel.getOrDefault(new NamespacedLabel(namespace, label.getKey(), label.getValue()), List.of()));
            }
            candidates.sort((a, b) -> Integer.compare(a.position(), b.position()));
            List<Object> selecting = new ArrayList<>(candidates.size());
            for (Entry candidate : candidates) {
                if (candidate.selector().selects(podLabels)) {
                    selecting.add(candidate.object());
                }
            }
            return selecting;
        }

        private static Map<String, Map.Entry<?, ?>> stringKeys(Map<?, ?> pairs) {
            Map<String, Map.Entry<?, ?>> keyed = new HashMap<>();
            pairs.entrySet().forEach(pair -> keyed.put(String.valueOf(pair.getKey()), pair));
            return keyed;
        }
    }
}
