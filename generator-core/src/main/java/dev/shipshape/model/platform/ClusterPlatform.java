package dev.shipshape.model.platform;

import dev.shipshape.model.FluxObjects;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.PlatformSetting;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one application needs from the platform of one cluster, decided from the objects Flux
 * applies for it ({@link Capabilities}) and the spec's {@code spec.platform} and
 * {@code spec.clusters[].platform}: the components to install ({@link PlatformRelease}), those the
 * cluster runs already ({@link ProvidedComponent}), and what nothing here provides (an IngressClass
 * of the cloud's own controller, an unknown API group) and the cluster must therefore offer.
 *
 * <p>The platform layer follows Flux's flux2-kustomize-helm-example: a Kustomization
 * {@value #CONTROLLERS} ({@code wait: true}: ready once every HelmRelease is) of
 * {@link OutputLayout#infrastructureControllers}, then {@value #CONFIGS} ({@code dependsOn} the
 * controllers) of {@link OutputLayout#infrastructureConfigs} when a component has configs; both read
 * the repository of the cluster's Flux bootstrap (the GitRepository {@value #BOOTSTRAP_SOURCE}),
 * which holds the cluster folder, and are shared by every application of the cluster.
 *
 * <p>Which component provides a capability: an API group's is the component whose chart installs its
 * CRDs ({@link PlatformComponent#installsGroups}); where two do (monitoring.coreos.com:
 * prometheus-operator-crds or kube-prometheus-stack) the one named under {@code platform}, else the
 * first. An IngressClass is served by ingress-nginx ({@code nginx}) or Traefik ({@code traefik}), or,
 * for {@code spec.ingress.className}, by the one of them named under {@code platform}; the controller
 * serving {@code spec.ingress.className} runs in {@code spec.ingress.controllerNamespace}, the namespace
 * the NetworkPolicies admit. kube-prometheus-stack runs in {@code spec.monitoring.namespace} when set.
 *
 * @param cluster   the cluster's name
 * @param source    the spec file name the application comes from (generated headers)
 * @param location  where the spec declares the cluster (problems of the merged layer point there)
 * @param releases  the components to install, in catalogue order
 * @param provided  the components the cluster runs already, in catalogue order
 * @param expected  what the cluster must offer that nothing here installs, sorted
 * @param entry     the layer's Flux Kustomizations ({@value #CONTROLLERS}, then {@value #CONFIGS} when there are configs);
 *                  empty without releases
 */
public record ClusterPlatform(String cluster, String source, Location location, List<PlatformRelease> releases, List<ProvidedComponent> provided,
                              List<Capability> expected, List<GenericKubernetesResource> entry) {

    /** The Kustomization of the platform's controllers. */
    public static final String CONTROLLERS = "infra-controllers";
    /** The Kustomization of the platform's configs. */
    public static final String CONFIGS = "infra-configs";
    /** The GitRepository {@code flux bootstrap} creates for the repository holding the cluster folder. */
    public static final String BOOTSTRAP_SOURCE = "flux-system";

    /** The layer's Kustomizations wait for every HelmRelease (Helm waits for the controllers' rollout). */
    private static final String LAYER_TIMEOUT = "15m";

    public ClusterPlatform {
        releases = List.copyOf(releases);
        provided = List.copyOf(provided);
        expected = List.copyOf(expected);
        entry = List.copyOf(entry);
    }

    /**
     * The platform an application needs on a cluster.
     *
     * @param spec        the spec ({@code spec.platform}, the file name)
     * @param application the application resolved for the cluster's environment ({@code spec.ingress}, {@code spec.monitoring})
     * @param cluster     the cluster ({@code spec.clusters[].platform})
     * @param layout      the application's output layout (the layer's paths in the repository)
     * @param objects     every object Flux applies for the application there
     */
    public static ClusterPlatform of(ApplicationSpec spec, Application application, Cluster cluster, OutputLayout layout,
                                     List<? extends HasMetadata> objects) {
        Map<PlatformComponent, String> ingressClasses = new EnumMap<>(PlatformComponent.class);
        List<Capability> expected = new ArrayList<>();
        for (Capability capability : Capabilities.of(objects)) {
            PlatformComponent component = provider(capability, spec, cluster, application);
            if (component == null) {
                expected.add(capability);
            } else {
                ingressClasses.putIfAbsent(component, capability instanceof Capability.IngressClass c ? c.name() : "");
            }
        }
        List<PlatformRelease> releases = new ArrayList<>();
        List<ProvidedComponent> provided = new ArrayList<>();
        ingressClasses.forEach((component, ingressClass) -> {
            PlatformSetting general = spec.platform().get(component.key());
            PlatformSetting own = cluster.platform().get(component.key());
            PlatformSetting providing = own != null && own.provided() != null ? own : general != null && general.provided() != null ? general : null;
            if (providing != null) {
                provided.add(new ProvidedComponent(component, providing.provided().dependsOn(), providing.field(), providing.location()));
            } else {
                releases.add(release(component, ingressClass, cluster.name(), namespace(component, ingressClass, application),
                        component == PlatformComponent.CERT_MANAGER && gatewayCertificates(objects) ? GATEWAY_API_SUPPORT : Map.of(),
                        component == PlatformComponent.ENVOY_GATEWAY ? gatewayClasses(objects) : List.of(), general, own));
            }
        });
        return new ClusterPlatform(cluster.name(), dev.shipshape.output.GeneratedHeader.sourceName(spec.file()), cluster.location(),
                releases, provided,
                expected, entry(layout, cluster.name(), releases));
    }

    private static PlatformComponent provider(Capability capability, ApplicationSpec spec, Cluster cluster, Application application) {
        if (capability instanceof Capability.ApiGroup group) {
            List<PlatformComponent> candidates = List.of(PlatformComponent.values()).stream()
                    .filter(c -> c.installsGroups().contains(group.group())).toList();
            PlatformComponent named = named(candidates, spec, cluster);
            return named != null ? named : candidates.isEmpty() ? null : candidates.get(0);
        }
        if (capability instanceof Capability.IngressClass ingressClass) {
            PlatformComponent byName = ingressClass.name().equals("nginx") ? PlatformComponent.INGRESS_NGINX
                    : ingressClass.name().equals("traefik") ? PlatformComponent.TRAEFIK : null;
            PlatformComponent named = ingressClass.name().equals(application.ingress().className())
                    ? named(List.of(PlatformComponent.INGRESS_NGINX, PlatformComponent.TRAEFIK), spec, cluster) : null;
            return named != null ? named : byName;
        }
        return PlatformComponent.EXTERNAL_DNS;
    }

    /** The first candidate named under {@code platform} (the cluster's or the spec's), or {@code null}. */
    private static PlatformComponent named(List<PlatformComponent> candidates, ApplicationSpec spec, Cluster cluster) {
        return candidates.stream()
                .filter(candidate -> cluster.platform().containsKey(candidate.key()) || spec.platform().containsKey(candidate.key()))
                .findFirst().orElse(null);
    }

    /**
     * The GatewayClasses the application's own Gateways name ({@code spec.gatewayClassName}), which the
     * Envoy Gateway release then creates; {@link PlatformComponent#GATEWAY_CLASS} when it owns none
     * (its routes attach to a shared Gateway).
     */
    private static List<String> gatewayClasses(List<? extends HasMetadata> objects) {
        List<String> named = objects.stream()
                .filter(o -> "Gateway".equals(o.getKind()) && o instanceof GenericKubernetesResource)
                .map(o -> ((GenericKubernetesResource) o).getAdditionalProperties().get("spec"))
                .filter(spec -> spec instanceof Map<?, ?> map && map.get("gatewayClassName") instanceof String)
                .map(spec -> (String) ((Map<?, ?>) spec).get("gatewayClassName"))
                .distinct().sorted().toList();
        return named.isEmpty() ? List.of(PlatformComponent.GATEWAY_CLASS) : named;
    }

    private static String namespace(PlatformComponent component, String ingressClass, Application application) {
        if (component.ingressController() && ingressClass.equals(application.ingress().className())) {
            return application.ingress().namespace();
        }
        if (component == PlatformComponent.KUBE_PROMETHEUS_STACK && application.monitoring() != null) {
            return application.monitoring().namespace();
        }
        return component.defaultNamespace();
    }

    /**
     * cert-manager's values that switch its Gateway API support on (cert-manager 1.15+, Helm value
     * {@code config.enableGatewayAPI}; cert-manager.io/docs/usage/gateway), so it issues the
     * certificates an application's own Gateway asks for by annotation.
     */
    private static final Map<String, Object> GATEWAY_API_SUPPORT = Map.of("config", Map.of(
            "apiVersion", "controller.config.cert-manager.io/v1alpha1", "kind", "ControllerConfiguration", "enableGatewayAPI", true));

    /** Whether some Gateway asks cert-manager for its listeners' certificates ({@code cert-manager.io/*} annotations). */
    private static boolean gatewayCertificates(List<? extends HasMetadata> objects) {
        return objects.stream().anyMatch(o -> "Gateway".equals(o.getKind()) && o.getMetadata().getAnnotations() != null
                && o.getMetadata().getAnnotations().keySet().stream().anyMatch(k -> k.startsWith("cert-manager.io/")));
    }

    private static PlatformRelease release(PlatformComponent component, String ingressClass, String clusterName, String namespace,
                                           Map<String, Object> required, List<String> gatewayClasses,
                                           PlatformSetting general, PlatformSetting own) {
        String version = component.defaultVersion();
        SortedMap<String, Object> values = sorted(component.defaultValues(ingressClass, clusterName));
        List<String> origin = new ArrayList<>();
        for (PlatformSetting setting : new PlatformSetting[] {general, own}) {
            if (setting == null) {
                continue;
            }
            if (setting.version() != null) {
                version = setting.version();
            }
            values = merged(values, setting.values());
            origin.add(setting.field() + " at " + setting.location());
        }
        return new PlatformRelease(component, namespace, version, values, sorted(required),
                Collections.unmodifiableSortedSet(new TreeSet<>(gatewayClasses)),
                origin.isEmpty() ? "shipshape's pinned version and values" : String.join(" and ", origin));
    }

    /** Helm's merge of values files: maps merge key by key, anything else (lists included) replaces. */
    static SortedMap<String, Object> merged(Map<String, Object> base, Map<String, Object> override) {
        SortedMap<String, Object> result = new TreeMap<>(base);
        override.forEach((key, value) -> {
            if (value instanceof Map<?, ?> map && result.get(key) instanceof Map<?, ?> existing) {
                result.put(key, merged(cast(existing), cast(map)));
            } else {
                result.put(key, value);
            }
        });
        return Collections.unmodifiableSortedMap(result);
    }

    private static SortedMap<String, Object> sorted(Map<String, Object> values) {
        return merged(Map.of(), values);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static List<GenericKubernetesResource> entry(OutputLayout layout, String cluster, List<PlatformRelease> releases) {
        if (releases.isEmpty()) {
            return List.of();
        }
        List<GenericKubernetesResource> entry = new ArrayList<>();
        entry.add(layer(CONTROLLERS, layout.inRepository(OutputLayout.infrastructureControllers(cluster)), null));
        if (releases.stream().anyMatch(release -> !release.configs().isEmpty())) {
            entry.add(layer(CONFIGS, layout.inRepository(OutputLayout.infrastructureConfigs(cluster)), CONTROLLERS));
        }
        return List.copyOf(entry);
    }

    private static GenericKubernetesResource layer(String name, String path, String dependsOn) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (dependsOn != null) {
            spec.put("dependsOn", List.of(Map.of("name", dependsOn)));
        }
        spec.put("interval", "1h");
        spec.put("path", path);
        spec.put("prune", true);
        spec.put("retryInterval", "1m");
        spec.put("sourceRef", Map.of("kind", "GitRepository", "name", BOOTSTRAP_SOURCE));
        spec.put("timeout", LAYER_TIMEOUT);
        spec.put("wait", true);
        return PlatformRelease.object("kustomize.toolkit.fluxcd.io/v1", "Kustomization", name, FluxObjects.FLUX_NAMESPACE, spec);
    }

    /** The configs layer's objects of every release, in catalogue order. */
    public List<HasMetadata> configs() {
        return releases.stream().flatMap(release -> release.configs().stream()).toList();
    }

    /**
     * The Flux Kustomizations the application waits for on this cluster, sorted: the layer's last
     * Kustomization ({@value #CONFIGS} when there are configs, else {@value #CONTROLLERS}), and the
     * {@code dependsOn} of every provided component.
     */
    public SortedSet<String> dependsOn() {
        SortedSet<String> names = new TreeSet<>();
        if (!entry.isEmpty()) {
            names.add(entry.get(entry.size() - 1).getMetadata().getName());
        }
        provided.stream().map(ProvidedComponent::dependsOn).filter(java.util.Objects::nonNull).forEach(names::add);
        return names;
    }

}
