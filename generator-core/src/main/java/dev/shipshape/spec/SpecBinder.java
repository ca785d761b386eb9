package dev.shipshape.spec;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.kind.ComponentNode;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.SortedMap;
import java.util.TreeMap;

import static dev.shipshape.spec.TreeValues.bool;
import static dev.shipshape.spec.TreeValues.present;
import static dev.shipshape.spec.TreeValues.text;
import static dev.shipshape.spec.TreeValues.texts;

/**
 * Binds a schema-valid spec tree to the spec records, applying the defaults the schema documents.
 * Components come out sorted by name and secrets by name, so output never depends on spec order.
 */
final class SpecBinder {

    private final ComponentKinds kinds;

    /** @param kinds the kinds that bind components, by {@code type} */
    SpecBinder(ComponentKinds kinds) {
        this.kinds = kinds;
    }

    /** cert-manager issuer used when {@code spec.tls.issuer} is left out. */
    static final String DEFAULT_ISSUER = "letsencrypt-production";
    /** ingress-nginx's IngressClass and namespace (its Helm chart defaults). */
    static final String DEFAULT_INGRESS_CLASS = "nginx";
    static final String DEFAULT_INGRESS_NAMESPACE = "ingress-nginx";
    /** kube-prometheus' namespace. */
    static final String DEFAULT_MONITORING_NAMESPACE = "monitoring";
    /** The External Secrets Operator's default store kind. */
    static final String DEFAULT_STORE_KIND = "SecretStore";

    /**
     * @param root        a schema-valid tree (for an environment: the merged tree)
     * @param sourceMap   positions in that tree
     * @param environment the environment name, or {@code null} for the default view
     * @param sopsFiles   the sops files the spec names that could be read, by the path as written ({@link SopsFiles})
     * @return the application with defaults applied
     */
    Application application(JsonNode root, SourceMap sourceMap, String environment, Map<String, SopsFile> sopsFiles) {
        JsonNode metadata = root.path("metadata");
        JsonNode spec = root.path("spec");
        String name = metadata.path("name").asText();
        JsonNode tls = spec.path("tls");
        JsonNode ingress = spec.path("ingress");
        List<Component> bound = new ArrayList<>();
        EnvGroups envGroups = EnvGroups.bind(spec, sourceMap);
        for (Entry<String, JsonNode> component : spec.path("components").properties()) {
            String pointer = JsonPointers.child("/spec/components", component.getKey());
            ComponentNode node = new ComponentNode(component.getKey(), component.getValue(), pointer, sourceMap.keyLocation(pointer), name,
                    environment, sourceMap::keyLocation, envGroups);
            bound.add(kinds.bind(component.getValue().path("type").asText(), node));
        }
        bound.sort(Comparator.comparing(Component::name));
        return new Application(
                name,
                metadata.path("version").asText(),
                text(metadata, "description", null),
                environment,
                new Tls(text(tls, "issuer", DEFAULT_ISSUER), text(tls, "email", null), bool(tls, "redirect", true), dns01(tls.path("dns01"))),
                present(spec, "gateway") && !present(spec, "ingress") ? null : ingressController(ingress),
                present(spec, "gateway") ? gateway(spec.path("gateway"), name, sourceMap) : null,
                present(spec, "monitoring") ? monitoring(spec.path("monitoring")) : null,
                secrets(spec.path("secrets"), sourceMap, sopsFiles),
                List.copyOf(bound),
                sourceMap.valueLocation("/metadata/name"),
                PatchBinding.of(spec.path("components"), sourceMap),
                present(spec, "dns") ? new Dns(spec.path("dns").has("ttl") ? spec.path("dns").path("ttl").asInt() : null) : null);
    }

    /**
     * {@code spec.gateway}: the application's own Gateway (named after the application, in its
     * namespace) when {@code className} is set, else the shared Gateway it names; the data plane
     * defaults to Envoy Gateway's namespace for an own Gateway and to a shared Gateway's namespace.
     */
    private static Gateway gateway(JsonNode gateway, String application, SourceMap sourceMap) {
        String className = text(gateway, "className", null);
        String name = className != null ? application : text(gateway, "name", null);
        String namespace = className != null ? application : text(gateway, "namespace", null);
        String defaultDataPlane = className != null || namespace == null ? Gateway.ENVOY_GATEWAY_NAMESPACE : namespace;
        return new Gateway(className, name, namespace, className != null ? null : text(gateway, "sectionName", null),
                text(gateway, "dataPlaneNamespace", defaultDataPlane), sourceMap.keyLocation("/spec/gateway"));
    }

    /** {@code spec.ingress}: the class, its controller's namespace and the controller, written or derived from the class name. */
    private static IngressController ingressController(JsonNode ingress) {
        String className = text(ingress, "className", DEFAULT_INGRESS_CLASS);
        return new IngressController(className, text(ingress, "controllerNamespace", DEFAULT_INGRESS_NAMESPACE),
                present(ingress, "controller") ? IngressController.Controller.valueOf(ingress.path("controller").asText().toUpperCase(java.util.Locale.ROOT))
                        : IngressController.Controller.fromClassName(className));
    }

    private static Monitoring monitoring(JsonNode monitoring) {
        SortedMap<String, String> labels = new TreeMap<>();
        monitoring.path("labels").properties().forEach(label -> labels.put(label.getKey(), label.getValue().asText()));
        GrafanaDashboard dashboard = null;
        if (present(monitoring, "grafanaDashboard")) {
            SortedMap<String, String> sidecar = new TreeMap<>();
            monitoring.path("grafanaDashboard").path("labels").properties().forEach(label -> sidecar.put(label.getKey(), label.getValue().asText()));
            dashboard = new GrafanaDashboard(sidecar.isEmpty() ? GrafanaDashboard.DEFAULT_LABELS : Collections.unmodifiableSortedMap(sidecar));
        }
        return new Monitoring(text(monitoring, "namespace", DEFAULT_MONITORING_NAMESPACE), Collections.unmodifiableSortedMap(labels), dashboard);
    }

    private static Map<String, SecretSource> secrets(JsonNode secrets, SourceMap sourceMap, Map<String, SopsFile> sopsFiles) {
        SortedMap<String, SecretSource> bound = new TreeMap<>();
        for (Entry<String, JsonNode> secret : secrets.properties()) {
            JsonNode external = secret.getValue().path("externalSecret");
            SortedMap<String, String> data = new TreeMap<>();
            external.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asText()));
            bound.put(secret.getKey(), new SecretSource(
                    secret.getKey(),
                    text(secret.getValue(), "existing", null),
                    present(secret.getValue(), "externalSecret")
                            ? new SecretSource.ExternalSecretSource(external.path("store").asText(), text(external, "storeKind", DEFAULT_STORE_KIND),
                                    Collections.unmodifiableSortedMap(data))
                            : null,
                    sourceMap.keyLocation(JsonPointers.child("/spec/secrets", secret.getKey())),
                    text(secret.getValue(), "type", SecretSource.OPAQUE),
                    present(secret.getValue(), "sops") ? sopsFiles.get(secret.getValue().path("sops").asText()) : null));
        }
        return Collections.unmodifiableSortedMap(bound);
    }

    /** {@code spec.delivery.path} when neither the spec nor the front end says where the output is. */
    static final String DEFAULT_DELIVERY_PATH = "output";

    /**
     * {@code spec.delivery} with defaults (branch {@code main}, path {@code defaultPath}, interval {@code 5m}), or {@code null}.
     *
     * @param defaultPath where the output directory is inside the repository, for a spec that does not say
     */
    Delivery delivery(JsonNode root, String defaultPath) {
        JsonNode delivery = root.path("spec").path("delivery");
        if (!present(root.path("spec"), "delivery")) {
            return null;
        }
        return new Delivery(delivery.path("repository").asText(), text(delivery, "branch", "main"), text(delivery, "path", defaultPath),
                text(delivery, "interval", "5m"), text(delivery, "decryptionSecret", Delivery.DEFAULT_DECRYPTION_SECRET));
    }

    /** {@code spec.tls.dns01}: its one provider entry (the schema allows exactly one), or {@code null}. */
    private static Dns01 dns01(JsonNode dns01) {
        for (String provider : Dns01.PROVIDERS) {
            if (dns01.path(provider).isObject()) {
                return new Dns01(provider, TreeValues.sortedMap(dns01.path(provider)), "/spec/tls/dns01/" + provider);
            }
        }
        return null;
    }

    /** {@code spec.clusters} in spec order; method defaults to Kustomize, dependsOn to none. */
    List<Cluster> clusters(JsonNode root, SourceMap sourceMap) {
        List<Cluster> clusters = new ArrayList<>();
        JsonNode list = root.path("spec").path("clusters");
        for (int i = 0; i < list.size(); i++) {
            JsonNode cluster = list.get(i);
            String pointer = JsonPointers.child("/spec/clusters", i);
            clusters.add(new Cluster(cluster.path("name").asText(), cluster.path("environment").asText(), text(cluster, "region", null),
                    Cluster.Method.valueOf(text(cluster, "method", "kustomize").toUpperCase(Locale.ROOT)), texts(cluster, "dependsOn"),
                    platform(cluster.path("platform"), pointer + "/platform", "spec.clusters[" + i + "].platform", sourceMap),
                    sourceMap.valueLocation(pointer)));
        }
        return List.copyOf(clusters);
    }

    /** {@code spec.platform} by component key, sorted; empty when left out. */
    Map<String, PlatformSetting> platform(JsonNode root, SourceMap sourceMap) {
        return platform(root.path("spec").path("platform"), "/spec/platform", "spec.platform", sourceMap);
    }

    private static Map<String, PlatformSetting> platform(JsonNode platform, String pointer, String field, SourceMap sourceMap) {
        SortedMap<String, PlatformSetting> bound = new TreeMap<>();
        for (Entry<String, JsonNode> entry : platform.properties()) {
            JsonNode setting = entry.getValue();
            String at = JsonPointers.child(pointer, entry.getKey());
            bound.put(entry.getKey(), new PlatformSetting(entry.getKey(), text(setting, "version", null), TreeValues.sortedMap(setting.path("values")),
                    present(setting, "provided") ? new PlatformSetting.Provided(text(setting.path("provided"), "dependsOn", null)) : null,
                    field + "." + entry.getKey(), sourceMap.keyLocation(at)));
        }
        return Collections.unmodifiableSortedMap(bound);
    }

    /** {@code spec.admissionPolicies}, false when left out. */
    boolean admissionPolicies(JsonNode root) {
        return bool(root.path("spec"), "admissionPolicies", false);
    }

    /** {@code spec.exemptions} in spec order. */
    List<Exemption> exemptions(JsonNode root, SourceMap sourceMap) {
        List<Exemption> exemptions = new ArrayList<>();
        JsonNode list = root.path("spec").path("exemptions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode exemption = list.get(i);
            exemptions.add(new Exemption(exemption.path("rule").asText(), exemption.path("component").asText(), text(exemption, "container", null),
                    exemption.path("reason").asText(), sourceMap.valueLocation(JsonPointers.child("/spec/exemptions", i))));
        }
        return List.copyOf(exemptions);
    }
}
