package dev.shipshape.kind.prometheus;

import dev.shipshape.model.ComputeResources;
import dev.shipshape.model.ConfigChecksum;
import dev.shipshape.model.ConfigYaml;
import dev.shipshape.model.DisruptionBudgets;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.OrderedMap;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Probes;
import dev.shipshape.model.Selectors;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.VolumeClaims;
import dev.shipshape.model.Workloads;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.MetricsEndpoint;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The application's own Prometheus server: ServiceAccount (with a token: it reads the API for
 * service discovery), Role and RoleBinding limited to discovery in the namespace, the ConfigMap
 * {@code <c>-config} with {@code prometheus.yml} and the alert rules, a StatefulSet with a
 * PersistentVolumeClaim, the Service {@code <c>} on the spec port, the headless governing Service
 * {@code <c>-headless} and a PodDisruptionBudget.
 *
 * <p>It scrapes, through {@code kubernetes_sd_configs} role {@code endpointslice} (Endpoints are deprecated since Kubernetes 1.33) restricted to the
 * application's namespace, exactly the Service port each component declares for metrics
 * ({@code metrics} when separate, else {@code http}) — one job per component, named after it, as
 * the Prometheus Operator names ServiceMonitor jobs after the Service.
 */
public final class PrometheusObjects {

    /** The prometheus.yml key of the ConfigMap. */
    public static final String CONFIG_FILE = "prometheus.yml";
    /** The container and Service port name of the server. */
    public static final String PORT_NAME = "http";
    /** Share of the volume the TSDB may fill, percent. */
    static final int RETENTION_SIZE_PERCENT = 80;
    /** The alert rules key of the ConfigMap. */
    public static final String RULES_FILE = "rules.yml";
    /** Where the ConfigMap is mounted. */
    public static final String CONFIG_DIRECTORY = "/etc/prometheus";
    /** Where the TSDB volume is mounted. */
    public static final String DATA_DIRECTORY = "/prometheus";
    /** The pod annotation whose value changes with the configuration, so a change rolls the pod. */
    public static final String CONFIG_CHECKSUM = ConfigChecksum.ANNOTATION;

    private final ConfigYaml yaml = new ConfigYaml();

    private final KindContext context;

    PrometheusObjects(KindContext context) {
        this.context = context;
    }

    /** Every object of the Prometheus component. */
    List<HasMetadata> objects(PrometheusComponent prometheus) {
        ConfigMap config = configMap(prometheus);
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(ServiceAccounts.of(meta(prometheus, prometheus.name()), true));
        objects.add(role(prometheus));
        objects.add(roleBinding(prometheus));
        objects.add(config);
        objects.add(statefulSet(prometheus, ConfigChecksum.of(config.getData())));
        objects.add(service(prometheus));
        objects.add(headlessService(prometheus));
        objects.add(DisruptionBudgets.oneAtATime(meta(prometheus, prometheus.name()), context.labels().selector(prometheus)));
        return objects;
    }

    /**
     * The prometheus.yml tree: global intervals, the rules file, the Alertmanagers it sends to
     * (prometheus.io/docs/prometheus/latest/configuration/configuration/#alertmanager_config) and one
     * scrape job per component with metrics.
     */
    Map<String, Object> configuration(PrometheusComponent prometheus) {
        List<Map<String, Object>> jobs = new ArrayList<>();
        for (Component component : context.app().components()) {
            component.metricsEndpoint().ifPresent(metrics -> jobs.add(scrapeJob(component, metrics)));
        }
        return OrderedMap.builder()
                .put("global", OrderedMap.builder()
                        .put("scrape_interval", prometheus.scrapeInterval())
                        .put("evaluation_interval", prometheus.scrapeInterval())
                        .build())
                .put("rule_files", List.of(CONFIG_DIRECTORY + "/" + RULES_FILE))
                .put("alerting", prometheus.alertmanagers().isEmpty() ? null
                        : Map.of("alertmanagers", prometheus.alertmanagers().stream().map(PrometheusObjects::alertmanager).toList()))
                .put("scrape_configs", jobs)
                .build();
    }

    /** One {@code alertmanager_config}: the URL's scheme, path and {@code host:port} as a static target. */
    private static Map<String, Object> alertmanager(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        return OrderedMap.builder()
                .put("scheme", url.getScheme())
                .put("path_prefix", path.isEmpty() || path.equals("/") ? null : path)
                .put("static_configs", List.of(Map.of("targets", List.of(url.getHost() + ":" + PrometheusComponent.port(url)))))
                .build();
    }

    private Map<String, Object> scrapeJob(Component web, MetricsEndpoint metrics) {
        List<Map<String, Object>> relabel = List.of(
                OrderedMap.builder()
                        .put("source_labels", List.of("__meta_kubernetes_service_name", "__meta_kubernetes_endpointslice_port_name"))
                        .put("regex", web.name() + ";" + metrics.portName())
                        .put("action", "keep")
                        .build(),
                copy("__meta_kubernetes_namespace", "namespace"),
                copy("__meta_kubernetes_service_name", "service"),
                copy("__meta_kubernetes_pod_name", "pod"));
        return OrderedMap.builder()
                .put("job_name", web.name())
                .put("metrics_path", metrics.path())
                .put("kubernetes_sd_configs", List.of(OrderedMap.builder()
                        .put("role", "endpointslice")
                        .put("namespaces", Map.of("names", List.of(context.app().namespace())))
                        .build()))
                .put("relabel_configs", relabel)
                .build();
    }

    /**
     * The size-based retention: {@value #RETENTION_SIZE_PERCENT}% of the volume, in Prometheus's
     * base-2 {@code MB}, so the TSDB drops old blocks before the volume fills (the WAL and compaction
     * need the rest) even when the time-based retention would keep them.
     *
     * @param storage the volume size, a Kubernetes quantity (bytes)
     */
    static String retentionSize(String storage) {
        java.math.BigDecimal bytes = io.fabric8.kubernetes.api.model.Quantity.getAmountInBytes(new io.fabric8.kubernetes.api.model.Quantity(storage));
        long megabytes = bytes.multiply(java.math.BigDecimal.valueOf(RETENTION_SIZE_PERCENT))
                .divide(java.math.BigDecimal.valueOf(100L * 1024 * 1024), java.math.RoundingMode.DOWN).longValueExact();
        return Math.max(1, megabytes) + "MB";
    }

    private static Map<String, Object> copy(String source, String target) {
        return OrderedMap.builder().put("source_labels", List.of(source)).put("target_label", target).build();
    }

    private ObjectMeta meta(PrometheusComponent prometheus, String name) {
        return context.metadata().of(name, context.labels().component(prometheus));
    }

    private ConfigMap configMap(PrometheusComponent prometheus) {
        Map<String, String> data = new TreeMap<>();
        data.put(CONFIG_FILE, yaml.write(configuration(prometheus)));
        data.put(RULES_FILE, yaml.write(Map.of("groups", context.alertRules().renderApplicationSeries())));
        return new ConfigMapBuilder().withMetadata(meta(prometheus, prometheus.configName())).withData(data).build();
    }

    private Role role(PrometheusComponent prometheus) {
        return new RoleBuilder().withMetadata(meta(prometheus, prometheus.name()))
                .withRules(
                        new PolicyRuleBuilder().withApiGroups("").withResources("pods", "services")
                                .withVerbs("get", "list", "watch").build(),
                        new PolicyRuleBuilder().withApiGroups("discovery.k8s.io").withResources("endpointslices")
                                .withVerbs("get", "list", "watch").build())
                .build();
    }

    private RoleBinding roleBinding(PrometheusComponent prometheus) {
        return new RoleBindingBuilder().withMetadata(meta(prometheus, prometheus.name()))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(prometheus.name())
                .endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName(prometheus.name()).withNamespace(context.app().namespace())
                .endSubject()
                .build();
    }

    private StatefulSet statefulSet(PrometheusComponent prometheus, String configChecksum) {
        PodSecurity security = PodSecurity.PROMETHEUS;
        var container = Pods.container(prometheus.name(), prometheus.image(), security)
                .withArgs(
                        "--config.file=" + CONFIG_DIRECTORY + "/" + CONFIG_FILE,
                        "--storage.tsdb.path=" + DATA_DIRECTORY,
                        "--storage.tsdb.retention.time=" + prometheus.retention(),
                        "--storage.tsdb.retention.size=" + retentionSize(prometheus.storage()),
                        "--web.listen-address=:" + PrometheusComponent.CONTAINER_PORT)
                .withPorts(Pods.port(PORT_NAME, PrometheusComponent.CONTAINER_PORT))
                .withResources(ComputeResources.of(prometheus.resources()))
                .withStartupProbe(Probes.httpGet("/-/ready", PORT_NAME, Probes.SLOW_STARTUP))
                .withReadinessProbe(Probes.httpGet("/-/ready", PORT_NAME, Probes.READINESS))
                .withLivenessProbe(Probes.httpGet("/-/healthy", PORT_NAME, Probes.LIVENESS))
                .withVolumeMounts(
                        Pods.mount("config", CONFIG_DIRECTORY),
                        Pods.mount(VolumeClaims.DATA, DATA_DIRECTORY),
                        Pods.mount("tmp", "/tmp"))
                .build();
        Map<String, String> selector = context.labels().selector(prometheus);
        return new StatefulSetBuilder().withMetadata(meta(prometheus, prometheus.name()))
                .withNewSpec()
                .withReplicas(1)
                .withServiceName(prometheus.headlessName())
                .withPodManagementPolicy("OrderedReady")
                .withNewUpdateStrategy().withType("RollingUpdate").endUpdateStrategy()
                .withRevisionHistoryLimit(Workloads.REVISION_HISTORY_LIMIT)
                .withSelector(Selectors.matchLabels(selector))
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(context.labels().component(prometheus))
                .withAnnotations(Map.of(CONFIG_CHECKSUM, configChecksum))
                .endMetadata()
                .withSpec(Pods.spec(prometheus.name(), true, security)
                        .withTerminationGracePeriodSeconds(60L)
                        .withContainers(container)
                        .addNewVolume().withName("config").withNewConfigMap().withName(prometheus.configName())
                        .endConfigMap().endVolume()
                        .addToVolumes(Pods.scratch("tmp"))
                        .build())
                .endTemplate()
                .withVolumeClaimTemplates(VolumeClaims.readWriteOnce(VolumeClaims.DATA, prometheus.storage(),
                        null, selector))
                .endSpec()
                .build();
    }

    private Service service(PrometheusComponent prometheus) {
        return new ServiceBuilder().withMetadata(meta(prometheus, prometheus.name()))
                .withNewSpec()
                .withType("ClusterIP")
                .withSelector(context.labels().selector(prometheus))
                .withPorts(ServicePorts.tcp(PORT_NAME, prometheus.port(), PORT_NAME))
                .endSpec()
                .build();
    }

    private Service headlessService(PrometheusComponent prometheus) {
        return new ServiceBuilder().withMetadata(meta(prometheus, prometheus.headlessName()))
                .withNewSpec()
                .withType("ClusterIP")
                .withClusterIP("None")
                .withSelector(context.labels().selector(prometheus))
                .withPorts(ServicePorts.tcp(PORT_NAME, PrometheusComponent.CONTAINER_PORT, PORT_NAME))
                .endSpec()
                .build();
    }
}
