package dev.shipshape.model.platform;

import dev.shipshape.model.FluxObjects;
import dev.shipshape.model.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.SortedSet;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * One platform component as a cluster installs it: a Namespace, its chart's Flux source
 * ({@code HelmRepository}, or {@code OCIRepository} for an OCI chart) and a {@code HelmRelease}
 * with the pinned version, both in the component's namespace — the layout of Flux's
 * flux2-kustomize-helm-example ({@code infrastructure/controllers}). CRDs are created and replaced on
 * install and upgrade ({@code install.crds}/{@code upgrade.crds: CreateReplace}, Flux helm-controller
 * docs), a failed install or upgrade is retried {@link FluxObjects#HELM_RETRIES} times and a failed
 * upgrade rolled back. The Namespace is never pruned ({@code kustomize.toolkit.fluxcd.io/prune: disabled}):
 * removing the last application that needs a component must not delete what others keep there.
 *
 * @param component the component
 * @param namespace where it runs
 * @param version   the chart version
 * @param values    the Helm values (shipshape's, then the spec's, deep-merged), sorted: what the applications of a
 *                  cluster must agree on
 * @param required  further values the applications' objects need (cert-manager's Gateway API support for a
 *                  Gateway that asks it for certificates), sorted; the applications of a cluster add theirs up
 * @param gatewayClasses the GatewayClasses Envoy Gateway creates in the configs layer: the ones the applications'
 *                  own Gateways name, else {@link PlatformComponent#GATEWAY_CLASS}; empty for the other components
 * @param origin    what decided version and values, for errors: the spec fields, or the catalogue
 * @param after     the releases of the layer this one waits for (the HelmRelease's {@code dependsOn}), by name, with
 *                  their namespaces: cert-manager with Gateway API support after the release that installs the
 *                  Gateway API CRDs, which cert-manager must find when it starts
 */
public record PlatformRelease(PlatformComponent component, String namespace, String version, SortedMap<String, Object> values,
                              SortedMap<String, Object> required, SortedSet<String> gatewayClasses, String origin,
                              SortedMap<String, String> after) {

    /** A release that waits for no other. */
    public PlatformRelease(PlatformComponent component, String namespace, String version, SortedMap<String, Object> values,
                           SortedMap<String, Object> required, SortedSet<String> gatewayClasses, String origin) {
        this(component, namespace, version, values, required, gatewayClasses, origin, Collections.emptySortedMap());
    }

    /** This release waiting for another of the layer as well. */
    public PlatformRelease after(PlatformRelease other) {
        SortedMap<String, String> waits = new java.util.TreeMap<>(after);
        waits.put(other.component().key(), other.namespace());
        return new PlatformRelease(component, namespace, version, values, required, gatewayClasses, origin,
                Collections.unmodifiableSortedMap(waits));
    }

    /** Labels of every platform object: shared by the applications of a cluster, so no application's name. */
    static final Map<String, String> LABELS = Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.PART_OF, "platform");

    private static final String RELEASE_INTERVAL = "1h";
    private static final String SOURCE_INTERVAL = "12h";
    /** How long one Helm action and its wait may take: kube-prometheus-stack's first install pulls several images. */
    static final String TIMEOUT = "10m";
    private static final String HELM_CHART_LAYER = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

    /** Whether two releases install the same thing (what two applications on one cluster must agree on). */
    public boolean sameInstallation(PlatformRelease other) {
        return component == other.component && namespace.equals(other.namespace) && version.equals(other.version)
                && Objects.equals(values, other.values);
    }

    /**
     * This installation with what another application on the cluster needs of it too: its required
     * values deep-merged in, its GatewayClasses added ({@link #sameInstallation} holds for both).
     */
    public PlatformRelease joined(PlatformRelease other) {
        SortedSet<String> classes = new TreeSet<>(gatewayClasses);
        classes.addAll(other.gatewayClasses);
        return new PlatformRelease(component, namespace, version, values, ClusterPlatform.merged(required, other.required),
                Collections.unmodifiableSortedSet(classes), origin, after);
    }

    /** The values the HelmRelease installs with: {@link #values} with {@link #required} deep-merged in. */
    public SortedMap<String, Object> installedValues() {
        return ClusterPlatform.merged(values, required);
    }

    /** The controllers layer's objects of this component, in file order: Namespace, source, HelmRelease. */
    public List<HasMetadata> objects() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new NamespaceBuilder()
                .withNewMetadata().withName(namespace).withLabels(LABELS)
                .withAnnotations(Map.of("kustomize.toolkit.fluxcd.io/prune", "disabled")).endMetadata()
                .build());
        ChartSource source = component.source();
        Map<String, Object> sourceSpec = new LinkedHashMap<>();
        sourceSpec.put("interval", SOURCE_INTERVAL);
        if (source.oci()) {
            sourceSpec.put("layerSelector", Map.of("mediaType", HELM_CHART_LAYER, "operation", "copy"));
            sourceSpec.put("ref", Map.of("tag", version));
        }
        sourceSpec.put("url", source.url());
        String sourceKind = source.oci() ? "OCIRepository" : "HelmRepository";
        objects.add(object("source.toolkit.fluxcd.io/v1", sourceKind, component.key(), namespace, sourceSpec));
        Map<String, Object> spec = new LinkedHashMap<>();
        if (source.oci()) {
            spec.put("chartRef", Map.of("kind", sourceKind, "name", component.key()));
        } else {
            spec.put("chart", Map.of("spec", Map.of("chart", source.chart(), "interval", SOURCE_INTERVAL,
                    "sourceRef", Map.of("kind", sourceKind, "name", component.key()), "version", version)));
        }
        if (!after.isEmpty()) {
            spec.put("dependsOn", after.entrySet().stream().map(e -> Map.of("name", e.getKey(), "namespace", e.getValue())).toList());
        }
        spec.put("install", Map.of("crds", "CreateReplace", "remediation", Map.of("retries", FluxObjects.HELM_RETRIES)));
        spec.put("interval", RELEASE_INTERVAL);
        spec.put("releaseName", component.key());
        spec.put("timeout", TIMEOUT);
        spec.put("upgrade", Map.of("cleanupOnFail", true, "crds", "CreateReplace",
                "remediation", Map.of("remediateLastFailure", true, "retries", FluxObjects.HELM_RETRIES, "strategy", "rollback")));
        SortedMap<String, Object> installed = installedValues();
        if (!installed.isEmpty()) {
            spec.put("values", installed);
        }
        objects.add(object("helm.toolkit.fluxcd.io/v2", "HelmRelease", component.key(), namespace, spec));
        return List.copyOf(objects);
    }

    /**
     * The configs layer's objects of this component: what configures the controller once its CRDs
     * exist. Envoy Gateway gets its GatewayClasses ({@link #gatewayClasses}); the
     * others none — a ClusterIssuer with DNS credentials or a ClusterSecretStore with a cloud
     * identity is the platform team's, expected rather than emitted.
     */
    public List<HasMetadata> configs() {
        if (component != PlatformComponent.ENVOY_GATEWAY) {
            return List.of();
        }
        return gatewayClasses.stream().<HasMetadata>map(name -> new GenericKubernetesResourceBuilder()
                .withApiVersion("gateway.networking.k8s.io/v1")
                .withKind("GatewayClass")
                .withNewMetadata().withName(name).withLabels(LABELS).endMetadata()
                .addToAdditionalProperties("spec", Map.of("controllerName", PlatformComponent.ENVOY_GATEWAY_CONTROLLER))
                .build()).toList();
    }

    static GenericKubernetesResource object(String apiVersion, String kind, String name, String namespace, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(LABELS).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
