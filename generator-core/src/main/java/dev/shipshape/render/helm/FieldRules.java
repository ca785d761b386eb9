package dev.shipshape.render.helm;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The fields of an object that are chart values, and their names. A field is a value when a rule
 * lifts it — everything an overlay of a shipshape spec can change: images, replicas and
 * autoscaling bounds, resources, hosts, the TLS issuer, backup schedules, storage sizes — or when
 * it differs between environments; rules also give readable names to fields that only sometimes
 * differ (the version label, env vars, emptyDir size limits, annotations). Every other differing
 * field gets a fallback name from {@link ValueNames}.
 */
final class FieldRules {

    /**
     * A field's value name, relative to its group unless {@code topLevel}.
     *
     * @param key         the key segments
     * @param topLevel    the key is absolute ({@code tls.issuer}), not under the object's group
     * @param description one line for the chart README and schema
     * @param bounds      what the values schema allows beyond the type
     * @param kind        how the value is held, or {@code null} to take it from the field's JSON type
     */
    record FieldName(List<String> key, boolean topLevel, String description, Bounds bounds, ValueKind kind) {

        FieldName(List<String> key, boolean topLevel, String description, Bounds bounds) {
            this(key, topLevel, description, bounds, null);
        }
    }

    /** A pattern match: the field, and the JSON node at each {@code *} of the pattern (the list element or map entry). */
    private record Match(JsonNode object, List<JsonNode> wildcards, List<String> segments) {

        /** The {@code name} of the list element at the given wildcard. */
        String elementName(int wildcard) {
            return wildcards.get(wildcard).path("name").asText();
        }

        /** Whether the container at the first wildcard is the object's main one: named like its name label or the object. */
        boolean mainContainer() {
            String container = elementName(0);
            JsonNode metadata = object.path("metadata");
            return container.equals(metadata.path("labels").path(ValueNames.NAME_LABEL).asText())
                    || container.equals(metadata.path("name").asText());
        }

        /** {@code [leaf]} for the main container, {@code [<container>, leaf]} for another. */
        List<String> perContainer(String leaf) {
            return mainContainer() ? List.of(leaf) : List.of(ValueNames.identifier(elementName(0)), leaf);
        }
    }

    /**
     * One rule.
     *
     * @param kinds        the kinds it applies to; empty for every kind
     * @param applies      which objects of those kinds it applies to
     * @param pattern      JSON Pointer segments; {@code *} matches one segment, {@code **} any number
     * @param lifted       whether the field of this object is a value even when no environment changes it
     * @param byObjectName group by object name rather than name label (see {@link ValueNames#group})
     * @param whole        the field is one value however deep inside it the environments differ (a
     *                     command line, the alerting rules), never a value per list element
     * @param name         the field's name for a match
     */
    private record Rule(Set<String> kinds, Predicate<JsonNode> applies, List<String> pattern, Predicate<JsonNode> lifted, boolean byObjectName,
                        boolean whole, Function<Match, FieldName> name) {
    }

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod");
    private static final String ISSUER = "the cert-manager issuer of the certificates (letsencrypt-production, letsencrypt-staging or a ClusterIssuer)";

    private final List<Rule> rules = new ArrayList<>();
    private final Set<String> routeCertificates;

    /**
     * @param routeCertificates the names of the Certificates whose Secrets Ingresses serve: only their
     *                          hosts and issuer are the routes' {@code host} and {@code tls.issuer} (a
     *                          Certificate mounted into a pod has names and an issuer of its own)
     */
    FieldRules(Set<String> routeCertificates) {
        this.routeCertificates = Set.copyOf(routeCertificates);
        for (String containers : List.of("containers", "initContainers")) {
            for (String process : List.of("command", "args")) {
                whole(WORKLOADS, "**/" + containers + "/*/" + process,
                        m -> new FieldName(m.perContainer(process), false, process + " of " + m.elementName(0), Bounds.NONE));
            }
            rule(WORKLOADS, "**/" + containers + "/*/image", true, false,
                    m -> new FieldName(m.perContainer("image"), false, "container image of " + m.elementName(0)
                            + ": repository, tag and digest (a digest pins it whatever the tag says)", Bounds.NONE, ValueKind.IMAGE));
            rule(WORKLOADS, "**/" + containers + "/*/resources", true, false,
                    m -> new FieldName(m.perContainer("resources"), false, "CPU and memory requests and limits of " + m.elementName(0), Bounds.NONE));
            rule(WORKLOADS, "**/" + containers + "/*/env/*/value", false, false,
                    m -> new FieldName(concat(m.perContainer("env"), List.of(ValueNames.identifier(m.elementName(1)))), false,
                            "environment variable " + m.elementName(1) + " of " + m.elementName(0), Bounds.NONE));
        }
        rule(Set.of("Deployment"), "/spec/replicas", FieldRules::scalable, false,
                m -> new FieldName(List.of("replicas"), false, "number of pods (without an autoscaler)", Bounds.atLeast(1)));
        rule(Set.of("StatefulSet"), "/spec/replicas", false, false,
                m -> new FieldName(List.of("replicas"), false, "number of pods, as the spec sets it for this environment", Bounds.atLeast(1)));
        rule(Set.of("HorizontalPodAutoscaler"), "/spec/minReplicas", true, false,
                m -> new FieldName(List.of("autoscaling", "minReplicas"), false, "fewest pods the autoscaler keeps", Bounds.atLeast(1)));
        rule(Set.of("HorizontalPodAutoscaler"), "/spec/maxReplicas", true, false,
                m -> new FieldName(List.of("autoscaling", "maxReplicas"), false, "most pods the autoscaler starts", Bounds.atLeast(1)));
        rule(Set.of("HorizontalPodAutoscaler"), "/spec/metrics/*/resource/target/averageUtilization", true, false,
                m -> new FieldName(List.of("autoscaling", "target" + utilizationResource(m) + "Utilization"), false,
                        "average " + m.wildcards().get(0).path("resource").path("name").asText()
                                + " use the autoscaler aims at, in percent of the requests", Bounds.atLeast(1)));
        rule(Set.of("ScaledObject"), "/spec/minReplicaCount", true, false,
                m -> new FieldName(List.of("autoscaling", "minReplicas"), false, "fewest pods KEDA keeps (0 scales to zero)", Bounds.atLeast(0)));
        rule(Set.of("ScaledObject"), "/spec/maxReplicaCount", true, false,
                m -> new FieldName(List.of("autoscaling", "maxReplicas"), false, "most pods KEDA starts", Bounds.atLeast(1)));
        rule(Set.of("Ingress"), "/spec/rules/*/host", true, false, FieldRules::host);
        rule(Set.of("Ingress"), "/spec/tls/*/hosts/*", true, false, FieldRules::host);
        routeCertificate("/spec/dnsNames/*", FieldRules::host);
        routeCertificate("/spec/issuerRef/name",
                m -> new FieldName(List.of("tls", "issuer"), true, ISSUER, Bounds.NONE));
        routeCertificate("/spec/issuerRef/kind",
                m -> new FieldName(List.of("tls", "issuerKind"), true, "the kind of tls.issuer: Issuer (namespaced; this chart renders the Let's Encrypt "
                        + "ones) or ClusterIssuer (one the cluster has)", Bounds.oneOf(List.of("Issuer", "ClusterIssuer"))));
        for (String annotation : List.of("cert-manager.io~1issuer", "cert-manager.io~1cluster-issuer")) {
            rule(Set.of("Ingress"), "/metadata/annotations/" + annotation, true, false,
                    m -> new FieldName(List.of("tls", "issuer"), true, ISSUER, Bounds.NONE));
        }
        rule(Set.of("CronJob"), "/spec/schedule", FieldRules::scheduled, true,
                m -> new FieldName(List.of("schedule"), false, "cron schedule (time zone in spec.timeZone)", Bounds.CRON));
        rule(Set.of("StatefulSet"), "/spec/volumeClaimTemplates/*/spec/resources/requests/storage", true, false,
                m -> new FieldName(List.of("storage"), false, "size of the persistent volume " + m.elementName(0) + ", bytes (Kubernetes quantity)", Bounds.QUANTITY));
        rule(Set.of("StatefulSet"), "/spec/volumeClaimTemplates/*/spec/storageClassName", false, false,
                m -> new FieldName(List.of("storageClass"), false, "StorageClass of the persistent volume " + m.elementName(0)
                        + " (null: the cluster default); a claim keeps the class it was created with", Bounds.NONE));
        rule(Set.of("PersistentVolumeClaim"), "/spec/resources/requests/storage", true, false,
                m -> new FieldName(List.of("storage"), false, "size of the persistent volume, bytes (Kubernetes quantity)", Bounds.QUANTITY));
        rule(WORKLOADS, "**/volumes/*/emptyDir/sizeLimit", false, false,
                m -> new FieldName(List.of(ValueNames.identifier(m.elementName(0)), "sizeLimit"), false,
                        "size limit of the scratch volume " + m.elementName(0) + ", bytes (Kubernetes quantity)", Bounds.QUANTITY));
        rule(WORKLOADS, "**/volumes/*/ephemeral/volumeClaimTemplate/spec/resources/requests/storage", false, false,
                m -> new FieldName(List.of(ValueNames.identifier(m.elementName(0)), "size"), false,
                        "size of the scratch volume " + m.elementName(0) + " (a claim created with each pod), bytes (Kubernetes quantity)", Bounds.QUANTITY));
        rule(WORKLOADS, "**/volumes/*/ephemeral/volumeClaimTemplate/spec/storageClassName", false, false,
                m -> new FieldName(List.of(ValueNames.identifier(m.elementName(0)), "storageClass"), false,
                        "StorageClass of the scratch volume " + m.elementName(0) + " (null: the cluster default)", Bounds.NONE));
        rule(Set.of(), "**/metadata/labels/app.kubernetes.io~1version", false, false,
                m -> new FieldName(List.of("version"), false, "the app.kubernetes.io/version label", Bounds.NONE));
        rule(WORKLOADS, "**/template/metadata/annotations/checksum~1config", false, false,
                m -> new FieldName(List.of("configChecksum"), false, "checksum of the configuration, rolls the pods when it changes", Bounds.NONE));
        whole(Set.of("PrometheusRule"), "/spec/groups",
                m -> new FieldName(List.of("alerts", "groups"), true, "the alerting rule groups of the PrometheusRule", Bounds.NONE));
        rule(Set.of(), "/metadata/annotations/*", false, false,
                m -> new FieldName(List.of("annotations", ValueNames.identifier(m.segments().get(0))), false,
                        "the " + m.segments().get(0) + " annotation", Bounds.NONE));
    }

    /** A lifted field of the Certificates of routes only. */
    private void routeCertificate(String pattern, Function<Match, FieldName> name) {
        rule(Set.of("Certificate"), object -> routeCertificates.contains(object.path("metadata").path("name").asText()), pattern,
                object -> true, false, false, name);
    }

    private void rule(Set<String> kinds, String pattern, boolean lifted, boolean byObjectName, Function<Match, FieldName> name) {
        rule(kinds, pattern, object -> lifted, byObjectName, false, name);
    }

    /** A rule for a field that is one value as a whole (see {@link Rule#whole}); never lifted. */
    private void whole(Set<String> kinds, String pattern, Function<Match, FieldName> name) {
        rule(kinds, pattern, object -> false, false, true, name);
    }

    private void rule(Set<String> kinds, String pattern, Predicate<JsonNode> lifted, boolean byObjectName, Function<Match, FieldName> name) {
        rule(kinds, pattern, lifted, byObjectName, false, name);
    }

    private void rule(Set<String> kinds, String pattern, Predicate<JsonNode> lifted, boolean byObjectName, boolean whole,
                      Function<Match, FieldName> name) {
        rule(kinds, object -> true, pattern, lifted, byObjectName, whole, name);
    }

    private void rule(Set<String> kinds, Predicate<JsonNode> applies, String pattern, Predicate<JsonNode> lifted, boolean byObjectName,
                      boolean whole, Function<Match, FieldName> name) {
        List<String> segments = new ArrayList<>();
        for (JsonPointer p = JsonPointer.compile(pattern.startsWith("**") ? "/" + pattern : pattern); !p.matches(); p = p.tail()) {
            segments.add(p.getMatchingProperty());
        }
        rules.add(new Rule(Set.copyOf(kinds), applies, List.copyOf(segments), lifted, byObjectName, whole, name));
    }

    /**
     * Whether a Deployment's replica count is a knob: not for one that rolls with {@code Recreate}
     * (a singleton, or pods on a ReadWriteOnce volume), which must never run two pods.
     */
    private static boolean scalable(JsonNode deployment) {
        return !"Recreate".equals(deployment.path("spec").path("strategy").path("type").asText());
    }

    /** Whether a CronJob runs on its schedule: a suspended one (a restore run by hand) has no schedule a user sets. */
    private static boolean scheduled(JsonNode cronJob) {
        return !cronJob.path("spec").path("suspend").asBoolean(false);
    }

    private static FieldName host(Match m) {
        return new FieldName(List.of("host"), false, "public host name of the route and its certificate", Bounds.NONE);
    }

    private static String utilizationResource(Match m) {
        String resource = m.wildcards().get(0).path("resource").path("name").asText();
        return resource.equals("cpu") ? "CPU" : ValueNames.upperFirst(ValueNames.identifier(resource));
    }

    /**
     * A named field: its full value key, whether rules lift it, and its description.
     *
     * @param key         the value key
     * @param lifted      a rule makes it a value even when it is the same everywhere
     * @param description one line
     * @param bounds      what the values schema allows beyond the type
     * @param kind        how the value is held, or {@code null} to take it from the field's JSON type
     */
    record NamedField(ValueKey key, boolean lifted, String description, Bounds bounds, ValueKind kind) {
    }

    /**
     * The name a rule gives a field of an object, if any rule matches.
     *
     * @param object  the object's JSON tree, one in which the field exists
     * @param pointer the field
     * @param names   the naming scheme of the chart
     */
    Optional<NamedField> name(JsonNode object, JsonPointer pointer, ValueNames names) {
        List<String> segments = new ArrayList<>();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            segments.add(p.getMatchingProperty());
        }
        return segments.isEmpty() ? Optional.empty() : name(object, segments, names);
    }

    /** {@link #name(JsonNode, JsonPointer, ValueNames)} of a field given as its unescaped segments, at least one. */
    private Optional<NamedField> name(JsonNode object, List<String> segments, ValueNames names) {
        String leaf = segments.get(segments.size() - 1);
        String kind = null;
        for (Rule rule : rules) {
            // no pattern ends in "**": a pattern whose last segment is neither "*" nor the leaf cannot match
            String last = rule.pattern().get(rule.pattern().size() - 1);
            if (!last.equals("*") && !last.equals(leaf)) {
                continue;
            }
            kind = kind == null ? object.path("kind").asText() : kind;
            if (!rule.kinds().isEmpty() && !rule.kinds().contains(kind) || !rule.applies().test(object)) {
                continue;
            }
            List<Integer> wildcardPositions = new ArrayList<>();
            if (matches(rule.pattern(), 0, segments, 0, wildcardPositions)) {
                List<JsonNode> wildcards = new ArrayList<>();
                List<String> wildcardSegments = new ArrayList<>();
                for (int position : wildcardPositions) {
                    wildcards.add(at(object, segments.subList(0, position + 1)));
                    wildcardSegments.add(segments.get(position));
                }
                FieldName name = rule.name().apply(new Match(object, wildcards, wildcardSegments));
                List<String> key = name.topLevel() ? name.key() : concat(names.group(object, rule.byObjectName()), name.key());
                return Optional.of(new NamedField(new ValueKey(key), rule.lifted().test(object), name.description(), name.bounds(), name.kind()));
            }
        }
        return Optional.empty();
    }

    /**
     * The outermost field at or above {@code pointer} that is one value as a whole (a command
     * line, the alerting rules), or {@code pointer} itself when none is.
     *
     * @param object the object's JSON tree (its kind selects the rules)
     */
    JsonPointer wholeField(JsonNode object, JsonPointer pointer) {
        List<String> segments = new ArrayList<>();
        for (JsonPointer p = pointer; !p.matches(); p = p.tail()) {
            segments.add(p.getMatchingProperty());
        }
        String kind = object.path("kind").asText();
        for (int size = 1; size < segments.size(); size++) {
            List<String> prefix = segments.subList(0, size);
            for (Rule rule : rules) {
                if (rule.whole() && (rule.kinds().isEmpty() || rule.kinds().contains(kind)) && rule.applies().test(object)
                        && matches(rule.pattern(), 0, prefix, 0, new ArrayList<>())) {
                    JsonPointer field = JsonPointer.empty();
                    for (String segment : prefix) {
                        field = field.appendProperty(segment);
                    }
                    return field;
                }
            }
        }
        return pointer;
    }

    /** The fields of an object that rules lift whatever the environments say, as JSON Pointers. */
    List<JsonPointer> lifted(JsonNode object, ValueNames names) {
        List<JsonPointer> fields = new ArrayList<>();
        collect(object, JsonPointer.empty(), new ArrayList<>(), object, names, fields);
        return fields;
    }

    /** Walks the tree; {@code segments} are the pointer's segments, kept alongside so that no pointer is re-parsed per node. */
    private void collect(JsonNode object, JsonPointer pointer, List<String> segments, JsonNode node, ValueNames names,
                         List<JsonPointer> out) {
        if (!segments.isEmpty()) {
            Optional<NamedField> name = name(object, segments, names);
            if (name.isPresent() && name.get().lifted()) {
                out.add(pointer);
                return;
            }
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                segments.add(field.getKey());
                collect(object, pointer.appendProperty(field.getKey()), segments, field.getValue(), names, out);
                segments.remove(segments.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                segments.add(Integer.toString(i));
                collect(object, pointer.appendIndex(i), segments, node.get(i), names, out);
                segments.remove(segments.size() - 1);
            }
        }
    }

    private static boolean matches(List<String> pattern, int p, List<String> segments, int s, List<Integer> wildcards) {
        if (p == pattern.size()) {
            return s == segments.size();
        }
        String head = pattern.get(p);
        if (head.equals("**")) {
            int mark = wildcards.size();
            for (int skip = s; skip <= segments.size(); skip++) {
                if (matches(pattern, p + 1, segments, skip, wildcards)) {
                    return true;
                }
                wildcards.subList(mark, wildcards.size()).clear();
            }
            return false;
        }
        if (s == segments.size()) {
            return false;
        }
        if (head.equals("*")) {
            wildcards.add(s);
            return matches(pattern, p + 1, segments, s + 1, wildcards);
        }
        return head.equals(segments.get(s)) && matches(pattern, p + 1, segments, s + 1, wildcards);
    }

    private static JsonNode at(JsonNode object, List<String> segments) {
        JsonNode node = object;
        for (String segment : segments) {
            node = node.isArray() ? node.path(Integer.parseInt(segment)) : node.path(segment);
        }
        return node;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
