package dev.shipshape.render.docs;

import dev.shipshape.output.GeneratedHeader;
import dev.shipshape.render.docs.DatabaseSection.BackupRow;
import dev.shipshape.render.docs.RecoverySection.ClusterRow;
import dev.shipshape.render.docs.RunbookView.ComponentRow;
import dev.shipshape.render.docs.RunbookView.EnvironmentRow;
import dev.shipshape.render.docs.TlsSection.TlsRow;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Delivery;
import dev.shipshape.spec.PostgresComponent;
import dev.shipshape.spec.PrometheusComponent;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.SecretSource;
import dev.shipshape.spec.WebComponent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Computes the runbook's view models from a spec: every decision the runbook text depends on is
 * made here, so {@code runbook.mustache} only places values. Iteration follows the spec's sorted
 * maps and lists, never a hash order.
 */
final class RunbookViewBuilder {

    /** The ClusterIssuers shipshape emits itself (see {@link dev.shipshape.spec.Tls}). */
    private static final Map<String, String> EMITTED_ISSUERS = Map.of(
            "letsencrypt-production", "emitted by shipshape (Let's Encrypt production ACME)",
            "letsencrypt-staging", "emitted by shipshape (Let's Encrypt staging ACME, browsers do not trust it)");

    private final ApplicationSpec spec;
    private final Application defaults;
    private final String namespace;

    /** @param spec a validated spec */
    RunbookViewBuilder(ApplicationSpec spec) {
        this.spec = spec;
        this.defaults = spec.defaults();
        this.namespace = defaults.namespace();
    }

    /** The whole runbook's view. */
    RunbookView build() {
        return new RunbookView(
                defaults.name(),
                defaults.version(),
                defaults.description(),
                GeneratedHeader.sourceName(spec.file()),
                namespace,
                defaults.components().stream().map(this::componentRow).toList(),
                environments().entrySet().stream().map(e -> environmentRow(e.getKey(), e.getValue())).toList(),
                data(),
                recovery(),
                failover(),
                singleRegionEnvironments(),
                tls());
    }

    /** The resolved application per environment, or the default view alone when the spec has no environments. */
    private SortedMap<String, Application> environments() {
        if (!spec.environments().isEmpty()) {
            return spec.environments();
        }
        SortedMap<String, Application> only = new TreeMap<>();
        only.put("default", defaults);
        return only;
    }

    private ComponentRow componentRow(Component component) {
        if (component instanceof WebComponent web) {
            return new ComponentRow(web.name(), "web", "Deployment `" + web.name() + "`", web.port(),
                    web.route() == null ? "internal" : url(web.route()), scaling(web));
        }
        if (component instanceof PostgresComponent db) {
            return new ComponentRow(db.name(), "postgres",
                    db.inCluster() ? "StatefulSet `" + db.name() + "`, " + db.storage() + " volume"
                            : "managed server `" + db.host() + "` outside the cluster",
                    db.servicePort(), "internal", db.inCluster() ? "1 replica" : "managed by its provider");
        }
        PrometheusComponent prometheus = (PrometheusComponent) component;
        return new ComponentRow(prometheus.name(), "prometheus",
                "StatefulSet `" + prometheus.name() + "`, " + prometheus.storage() + " volume",
                prometheus.port(), "internal", "1 replica");
    }

    private static String scaling(WebComponent web) {
        if (web.autoscaling() == null) {
            return web.replicas() + (web.replicas() == 1 ? " replica" : " replicas");
        }
        return "HPA " + web.autoscaling().minReplicas() + " to " + web.autoscaling().maxReplicas() + " replicas at "
                + web.autoscaling().targetCPUUtilization() + "% CPU";
    }

    private static String url(Route route) {
        return "https://" + route.host() + route.path();
    }

    private EnvironmentRow environmentRow(String environment, Application application) {
        List<String> clusters = clustersOf(environment).stream()
                .map(c -> "`" + c.name() + "` (" + c.region() + ", " + delivery(c) + ")")
                .toList();
        return new EnvironmentRow(environment, clusters.isEmpty() ? "none" : String.join(", ", clusters),
                orNone(hosts(application)));
    }

    private List<Cluster> clustersOf(String environment) {
        return spec.clusters().stream().filter(c -> c.environment().equals(environment)).toList();
    }

    private static String delivery(Cluster cluster) {
        return cluster.method() == Cluster.Method.HELM ? "HelmRelease" : "Kustomization";
    }

    /** The public hosts of an application view, sorted and distinct, comma separated. */
    private static String hosts(Application application) {
        return application.components().stream()
                .filter(WebComponent.class::isInstance)
                .map(WebComponent.class::cast)
                .filter(web -> web.route() != null)
                .map(web -> web.route().host())
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(", "));
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "none" : text;
    }

    private DataSection data() {
        List<DatabaseSection> databases = defaults.components().stream()
                .filter(PostgresComponent.class::isInstance)
                .map(PostgresComponent.class::cast)
                .map(this::database)
                .toList();
        List<String> notBackedUp = defaults.components().stream()
                .filter(PrometheusComponent.class::isInstance)
                .map(PrometheusComponent.class::cast)
                .map(p -> "`" + p.name() + "` (Prometheus): up to " + p.retention() + " of metrics on a " + p.storage()
                        + " volume; after a rebuild the history starts empty.")
                .toList();
        return new DataSection(databases, notBackedUp);
    }

    private DatabaseSection database(PostgresComponent db) {
        List<BackupRow> backups = new ArrayList<>();
        List<String> unprotected = new ArrayList<>();
        environments().forEach((environment, application) -> {
            Backup backup = application.component(db.name())
                    .filter(PostgresComponent.class::isInstance)
                    .map(c -> ((PostgresComponent) c).backup())
                    .orElse(null);
            if (backup == null) {
                unprotected.add(environment);
            } else {
                backups.add(new BackupRow(environment, backup.destination(), backup.schedule(), backup.retentionDays(),
                        RecoveryPoint.describe(backup.schedule()), backup.drillSchedule(),
                        ObjectStorage.listCommand(backup.destination())));
            }
        });
        String kubectl = "kubectl -n " + namespace + " ";
        String backupCronJob = db.name() + "-backup";
        String restoreCronJob = db.name() + "-restore";
        String drillCronJob = db.name() + "-restore-drill";
        List<WebComponent> writers = writersOf(db.name());
        List<String> quiesce = new ArrayList<>(fluxCommands("suspend"));
        writers.forEach(w -> quiesce.add(kubectl + "scale deployment/" + w.name() + " --replicas=0"));
        List<String> resume = new ArrayList<>(fluxCommands("resume"));
        writers.stream()
                .filter(w -> w.autoscaling() != null)
                .forEach(w -> resume.add(kubectl + "scale deployment/" + w.name() + " --replicas="
                        + w.autoscaling().minReplicas()));
        String server = db.inCluster()
                ? "In the cluster: StatefulSet `" + db.name() + "` with a " + db.storage() + " PersistentVolumeClaim"
                        + (db.storageClass() == null ? "" : " of StorageClass `" + db.storageClass() + "`")
                        + ", image `" + db.image() + "`."
                : "Outside the cluster: a managed server at `" + db.host() + ":" + db.servicePort()
                        + "`. Its provider's own backups and point-in-time recovery come first; the logical backups"
                        + " below restore into any PostgreSQL server, also one outside that provider.";
        return new DatabaseSection(
                db.name(),
                db.database(),
                server,
                !db.inCluster(),
                backups,
                String.join(", ", unprotected),
                backupCronJob,
                List.of(kubectl + "get cronjob " + backupCronJob,
                        kubectl + "get jobs --sort-by=.metadata.creationTimestamp",
                        kubectl + "logs job/<newest " + backupCronJob + " job>"),
                writers.stream().map(w -> "`" + w.name() + "`").collect(Collectors.joining(", ")),
                quiesce,
                kubectl + "create job --from=cronjob/" + restoreCronJob + " " + restoreCronJob + "-$(date +%s)",
                kubectl + "get jobs --watch",
                resume,
                restoreCronJob,
                drillCronJob,
                kubectl + "create job --from=cronjob/" + drillCronJob + " " + drillCronJob + "-$(date +%s)");
    }

    /** The web components that connect to {@code database}, in name order. */
    private List<WebComponent> writersOf(String database) {
        return defaults.components().stream()
                .filter(WebComponent.class::isInstance)
                .map(WebComponent.class::cast)
                .filter(web -> web.uses().contains(database))
                .toList();
    }

    /**
     * {@code flux suspend|resume} of the Flux objects that apply the application, one per delivery
     * method its clusters use (so Flux does not undo a manual scale-down mid-restore).
     */
    private List<String> fluxCommands(String verb) {
        Set<String> kinds = new LinkedHashSet<>();
        spec.clusters().stream()
                .sorted((a, b) -> a.method().compareTo(b.method()))
                .forEach(c -> kinds.add(c.method() == Cluster.Method.HELM ? "helmrelease" : "kustomization"));
        return kinds.stream()
                .map(kind -> "flux -n flux-system " + verb + " " + kind + " " + defaults.name())
                .toList();
    }

    private RecoverySection recovery() {
        Delivery delivery = spec.delivery();
        List<ClusterRow> clusters = spec.clusters().stream().map(c -> clusterRow(c, delivery)).toList();
        List<String> inCluster = databases().stream()
                .filter(PostgresComponent::inCluster)
                .map(db -> "`" + db.name() + "`")
                .toList();
        return new RecoverySection(
                delivery.repository(),
                delivery.branch(),
                delivery.interval(),
                prerequisites(),
                secrets(),
                clusters,
                String.join(", ", inCluster),
                List.of("kubectl -n " + namespace + " get pods",
                        "kubectl -n " + namespace + " get ingress,certificates",
                        "flux get all --all-namespaces --status-selector ready=false"));
    }

    private List<PostgresComponent> databases() {
        return defaults.components().stream()
                .filter(PostgresComponent.class::isInstance)
                .map(PostgresComponent.class::cast)
                .toList();
    }

    private ClusterRow clusterRow(Cluster cluster, Delivery delivery) {
        String entryPoint = entryPoint(delivery.path(), cluster.name());
        String reconcile = cluster.method() == Cluster.Method.HELM
                ? "flux get helmreleases --all-namespaces --watch"
                : "flux get kustomizations --all-namespaces --watch";
        return new ClusterRow(
                cluster.name(),
                cluster.environment(),
                cluster.region(),
                delivery(cluster),
                entryPoint,
                "flux bootstrap git --url=" + delivery.repository() + " --branch=" + delivery.branch()
                        + " --path=" + entryPoint,
                reconcile,
                cluster.dependsOn().stream().map(d -> "`" + d + "`").collect(Collectors.joining(", ")));
    }

    /** {@code <path>/clusters/<cluster>}, without a leading {@code ./} or a doubled slash. */
    private static String entryPoint(String path, String cluster) {
        String base = path == null ? "" : path.replaceFirst("^\\./", "").replaceAll("/+$", "");
        return (base.isEmpty() || base.equals(".") ? "" : base + "/") + "clusters/" + cluster;
    }

    /** Platform pieces the application needs before Flux can apply it, in a fixed order. */
    private List<String> prerequisites() {
        Set<String> ingress = new TreeSet<>();
        SortedMap<String, String> issuers = new TreeMap<>();
        Set<String> monitoring = new TreeSet<>();
        boolean externalSecrets = false;
        boolean serviceMonitors = false;
        for (Application application : allViews()) {
            if (!hosts(application).isEmpty()) {
                ingress.add("`" + application.ingress().className() + "` in namespace `"
                        + application.ingress().namespace() + "`");
                String issuer = application.tls().issuer();
                issuers.put(issuer, "`" + issuer + "`" + (EMITTED_ISSUERS.containsKey(issuer)
                        ? " (shipshape emits it)" : " (it must already exist)"));
            }
            externalSecrets |= application.secrets().values().stream().anyMatch(s -> s.externalSecret() != null);
            if (application.monitoring() != null) {
                monitoring.add("`" + application.monitoring().namespace() + "`");
            }
            serviceMonitors |= application.components().stream().anyMatch(c -> c instanceof PrometheusComponent
                    || c instanceof WebComponent web && web.metrics() != null);
        }
        List<String> items = new ArrayList<>();
        if (!ingress.isEmpty()) {
            items.add("the ingress controller of IngressClass " + String.join(", ", ingress));
            items.add("cert-manager, with the ClusterIssuer" + (issuers.size() == 1 ? " " : "s ")
                    + String.join(", ", issuers.values()));
        }
        if (externalSecrets) {
            items.add("the External Secrets Operator, with access to the secret stores named below");
        }
        if (!monitoring.isEmpty()) {
            items.add("the Prometheus Operator, with its Prometheus in namespace " + String.join(", ", monitoring));
        } else if (serviceMonitors) {
            items.add("the Prometheus Operator CRDs (ServiceMonitor, PrometheusRule)");
        }
        Set<String> dependsOn = new TreeSet<>();
        spec.clusters().forEach(c -> dependsOn.addAll(c.dependsOn()));
        if (!dependsOn.isEmpty()) {
            items.add("the Flux Kustomizations " + dependsOn.stream().map(d -> "`" + d + "`")
                    .collect(Collectors.joining(", ")) + " in `flux-system`, which the application waits for");
        }
        return List.copyOf(items);
    }

    /** The default view followed by each environment's, in name order. */
    private List<Application> allViews() {
        List<Application> views = new ArrayList<>();
        views.add(defaults);
        views.addAll(spec.environments().values());
        return views;
    }

    /**
     * How each Secret of every view comes back after a rebuild, sorted by spec name: by hand
     * ({@code existing}) or through the External Secrets Operator.
     */
    private List<String> secrets() {
        SortedMap<String, String> lines = new TreeMap<>();
        for (Application application : allViews()) {
            for (SecretSource source : application.secrets().values()) {
                String line = source.externalSecret() == null
                        ? "`" + source.name() + "`: recreate Secret `" + source.secretName() + "` in namespace `"
                                + namespace + "` by hand, before Flux starts the workloads that read it"
                        : "`" + source.name() + "`: the External Secrets Operator recreates Secret `"
                                + source.secretName() + "` from " + source.externalSecret().storeKind() + " `"
                                + source.externalSecret().store() + "`";
                lines.putIfAbsent(source.name() + " " + line, line);
            }
        }
        return List.copyOf(lines.values());
    }

    private List<FailoverSection> failover() {
        List<FailoverSection> sections = new ArrayList<>();
        environments().forEach((environment, application) -> {
            List<Cluster> clusters = clustersOf(environment);
            if (clusters.size() < 2) {
                return;
            }
            List<PostgresComponent> dbs = application.components().stream()
                    .filter(PostgresComponent.class::isInstance)
                    .map(PostgresComponent.class::cast)
                    .toList();
            sections.add(new FailoverSection(
                    environment,
                    clusters.stream().map(c -> "`" + c.name() + "` (" + c.region() + ")").toList(),
                    orNone(hosts(application)),
                    dbs.stream().filter(PostgresComponent::inCluster).map(db -> "`" + db.name() + "`")
                            .collect(Collectors.joining(", ")),
                    dbs.stream().filter(db -> !db.inCluster()).map(db -> "`" + db.name() + "`")
                            .collect(Collectors.joining(", "))));
        });
        return sections;
    }

    private String singleRegionEnvironments() {
        return environments().keySet().stream()
                .filter(environment -> clustersOf(environment).size() == 1)
                .collect(Collectors.joining(", "));
    }

    private TlsSection tls() {
        List<TlsRow> rows = new ArrayList<>();
        environments().forEach((environment, application) -> rows.add(new TlsRow(
                environment,
                application.tls().issuer(),
                EMITTED_ISSUERS.getOrDefault(application.tls().issuer(), "existing in the cluster"),
                orNone(hosts(application)),
                application.tls().redirect() ? "yes" : "no")));
        String kubectl = "kubectl -n " + namespace + " ";
        return new TlsSection(rows,
                List.of(kubectl + "get certificates",
                        kubectl + "describe certificate <name>",
                        kubectl + "get certificaterequests,orders,challenges"),
                "cmctl renew --all -n " + namespace);
    }
}
