package dev.shipshape.model.platform;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The catalogue of platform components shipshape installs for what an application's objects need:
 * each one's chart (source, name, pinned version), namespace, the API groups whose CRDs the chart
 * installs, and the Helm values shipshape sets. {@link Capabilities} decides from the objects which
 * ones a cluster needs; a spec overrides versions and values or marks a component provided
 * ({@code spec.platform.<key>}).
 *
 * <p>Versions pinned here are the current chart releases as their projects publish them (checked
 * December 2026): cert-manager v1.19.1 (charts.jetstack.io; cert-manager.io/docs/installation/helm),
 * ingress-nginx 4.14.1 (kubernetes/ingress-nginx releases helm-chart-4.14.1; the project was
 * retired in March 2026, so the chart still installs but receives no updates), Traefik 37.4.0
 * (traefik/traefik-helm-chart tag v37.4.0), prometheus-operator-crds 33.0.2 and
 * kube-prometheus-stack 79.5.0 (prometheus-community/helm-charts releases), External Secrets 2.13.0
 * (external-secrets/external-secrets helm-chart-2.13.0), KEDA 2.21.1 (kedacore/charts v2.21.1),
 * Envoy Gateway v1.7.4 (Docker Hub envoyproxy/gateway-helm) and external-dns 1.21.1
 * (Artifact Hub external-dns/external-dns).
 */
public enum PlatformComponent {

    /** cert-manager with its CRDs ({@code crds.enabled}; {@code crds.keep} leaves them, and every Certificate, on uninstall). */
    CERT_MANAGER("cert-manager", "cert-manager", ChartSource.helm("https://charts.jetstack.io", "cert-manager"), "v1.19.1",
            Set.of("cert-manager.io", "acme.cert-manager.io"),
            (ingressClass, cluster) -> Map.of("crds", Map.of("enabled", true, "keep", true))),

    /** ingress-nginx, its IngressClass named after the Ingresses it serves ({@code controller.ingressClassResource.name}). */
    INGRESS_NGINX("ingress-nginx", "ingress-nginx", ChartSource.helm("https://kubernetes.github.io/ingress-nginx", "ingress-nginx"), "4.14.1",
            Set.of(),
            (ingressClass, cluster) -> Map.of("controller", Map.of("ingressClass", ingressClass,
                    "ingressClassResource", Map.of("name", ingressClass)))),

    /** Traefik with its CRDs (the chart's {@code crds/}), its IngressClass named after the Ingresses it serves ({@code ingressClass.name}). */
    TRAEFIK("traefik", "traefik", ChartSource.helm("https://traefik.github.io/charts", "traefik"), "37.4.0",
            Set.of("traefik.io"),
            (ingressClass, cluster) -> Map.of("ingressClass", Map.of("enabled", true, "name", ingressClass))),

    /** The Prometheus Operator's CRDs alone, for ServiceMonitors and PrometheusRules a Prometheus elsewhere reads. */
    PROMETHEUS_OPERATOR_CRDS("prometheus-operator-crds", "monitoring",
            ChartSource.helm("https://prometheus-community.github.io/helm-charts", "prometheus-operator-crds"), "33.0.2",
            Set.of("monitoring.coreos.com"),
            (ingressClass, cluster) -> Map.of()),

    /** kube-prometheus-stack: the Prometheus Operator with its CRDs, Prometheus, Alertmanager and Grafana. */
    KUBE_PROMETHEUS_STACK("kube-prometheus-stack", "monitoring",
            ChartSource.helm("https://prometheus-community.github.io/helm-charts", "kube-prometheus-stack"), "79.5.0",
            Set.of("monitoring.coreos.com"),
            (ingressClass, cluster) -> Map.of("crds", Map.of("enabled", true))),

    /** The External Secrets Operator with its CRDs ({@code installCRDs}). */
    EXTERNAL_SECRETS("external-secrets", "external-secrets", ChartSource.helm("https://charts.external-secrets.io", "external-secrets"), "2.13.0",
            Set.of("external-secrets.io", "generators.external-secrets.io"),
            (ingressClass, cluster) -> Map.of("installCRDs", true)),

    /** KEDA with its CRDs ({@code crds.install}). */
    KEDA("keda", "keda", ChartSource.helm("https://kedacore.github.io/charts", "keda"), "2.21.1",
            Set.of("keda.sh", "eventing.keda.sh"),
            (ingressClass, cluster) -> Map.of("crds", Map.of("install", true))),

    /** Envoy Gateway, whose OCI chart ships the Gateway API CRDs (its {@code crds/}), with the GatewayClass {@link #GATEWAY_CLASS}. */
    ENVOY_GATEWAY("envoy-gateway", "envoy-gateway-system", ChartSource.oci("oci://docker.io/envoyproxy/gateway-helm"), "v1.7.4",
            Set.of("gateway.networking.k8s.io", "gateway.envoyproxy.io"),
            (ingressClass, cluster) -> Map.of()),

    /**
     * external-dns; its DNS provider is the spec's ({@code values.provider.name}, which the loader
     * requires: the chart would default to aws). Its TXT registry's owner is the cluster
     * ({@code txtOwnerId}), so clusters sharing a zone (staging and production, or two regions)
     * never take over or delete each other's records (kubernetes-sigs/external-dns, docs/registry/txt.md).
     */
    EXTERNAL_DNS("external-dns", "external-dns", ChartSource.helm("https://kubernetes-sigs.github.io/external-dns/", "external-dns"), "1.21.1",
            Set.of(),
            (ingressClass, cluster) -> Map.of("txtOwnerId", cluster));

    /** The GatewayClass Envoy Gateway's configs layer holds; the controller name is Envoy Gateway's default. */
    public static final String GATEWAY_CLASS = "envoy-gateway";
    /** {@code spec.controllerName} of Envoy Gateway's GatewayClass (gateway.envoyproxy.io/docs). */
    public static final String ENVOY_GATEWAY_CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";

    private final String key;
    private final String namespace;
    private final ChartSource source;
    private final String version;
    private final Set<String> installsGroups;
    private final BiFunction<String, String, Map<String, Object>> values;

    PlatformComponent(String key, String namespace, ChartSource source, String version, Set<String> installsGroups,
                      BiFunction<String, String, Map<String, Object>> values) {
        this.key = key;
        this.namespace = namespace;
        this.source = source;
        this.version = version;
        this.installsGroups = installsGroups;
        this.values = values;
    }

    /** Its key under {@code spec.platform} and its release, source and file name: the chart's own name, e.g. {@code cert-manager}. */
    public String key() {
        return key;
    }

    /** The namespace it is installed in unless the spec decides ({@link ClusterPlatform}). */
    public String defaultNamespace() {
        return namespace;
    }

    /** Where its chart comes from. */
    public ChartSource source() {
        return source;
    }

    /** The chart version shipshape pins. */
    public String defaultVersion() {
        return version;
    }

    /** The API groups whose CRDs its chart installs, sorted. */
    public List<String> installsGroups() {
        return installsGroups.stream().sorted().toList();
    }

    /** Whether it is an ingress controller, serving Ingresses of one IngressClass. */
    public boolean ingressController() {
        return this == INGRESS_NGINX || this == TRAEFIK;
    }

    /**
     * The Helm values shipshape sets, before the spec's.
     *
     * @param ingressClass the IngressClass an ingress controller serves; ignored by the others
     * @param cluster      the cluster it is installed on
     */
    public Map<String, Object> defaultValues(String ingressClass, String cluster) {
        return values.apply(ingressClass, cluster);
    }

    /** The component of a {@code spec.platform} key, or {@code null}. */
    public static PlatformComponent ofKey(String key) {
        for (PlatformComponent component : values()) {
            if (component.key.equals(key)) {
                return component;
            }
        }
        return null;
    }
}
