package dev.shipshape.render.docs;

import dev.shipshape.render.docs.DatabaseSection.BackupRow;
import dev.shipshape.render.docs.RecoverySection.ClusterRow;
import dev.shipshape.render.docs.RunbookView.ComponentRow;
import dev.shipshape.render.docs.RunbookView.EnvironmentRow;
import dev.shipshape.render.docs.TlsSection.PodCertificateRow;
import dev.shipshape.render.docs.TlsSection.TlsRow;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.ComponentFacts;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.model.PodCertificates;
import dev.shipshape.model.VolumeClaims;
import dev.shipshape.model.platform.PlatformComponent;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.Workload;
import dev.shipshape.spec.Tls;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Gateway;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Delivery;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.SecretSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Computes the runbook's view models from a model: what each component is and holds comes from the
 * facts its kind stated while the model was built ({@link ComponentFacts}); this class only arranges
 * them, so {@code runbook.mustache} only places values. Iteration follows the spec's sorted maps and
 * lists, never a hash order.
 */
final class RunbookViewBuilder {

    /** How long the runbook waits for a backup or restore Job it started: the restore deadline of the backup jobs. */
    private static final String BACKUP_WAIT = "4h";

    private final ApplicationSpec spec;
    private final ComponentFacts facts;
    private final OutputLayout layout;
    private final Application defaults;
    private final String namespace;
    private final List<ClusterDelivery> deliveries;
    private final String source;
    private final ApplicationModel model;

    /** @param model a built model */
    RunbookViewBuilder(ApplicationModel model) {
        this.model = model;
        this.spec = model.spec();
        this.facts = model.facts();
        this.layout = model.layout();
        this.defaults = spec.defaults();
        this.namespace = defaults.namespace();
        this.deliveries = model.deliveries();
        this.source = model.source();
    }

    /** The whole runbook's view. */
    RunbookView build() {
        return new RunbookView(
                defaults.name(),
                defaults.version(),
                defaults.description(),
                source,
                namespace,
                defaults.components().stream().map(this::componentRow).toList(),
                environments().entrySet().stream().map(e -> environmentRow(e.getKey(), e.getValue())).toList(),
                data(),
                recovery(),
                failover(),
                singleRegionEnvironments(),
                tls(),
                egress(),
                platformPrerequisites(),
                BuildRows.of(model));
    }

    /**
     * Per cluster: the platform layer's components (chart, version, namespace), and what the cluster
     * must offer — provided components and the Kustomizations that install them, the further
     * {@code dependsOn}, IngressClasses and API groups nothing here installs, an existing
     * ClusterIssuer, the External Secrets stores; {@code null} without clusters.
     */
    private PrerequisitesSection platformPrerequisites() {
        if (deliveries.isEmpty()) {
            return null;
        }
        List<PrerequisitesSection.InstalledRow> installs = new ArrayList<>();
        List<PrerequisitesSection.ExpectedRow> expects = new ArrayList<>();
        for (ClusterDelivery delivery : deliveries) {
            String cluster = "`" + delivery.cluster().name() + "`";
            var platform = delivery.platform();
            platform.releases().forEach(release -> installs.add(new PrerequisitesSection.InstalledRow(cluster, release.component().key(),
                    "`" + release.component().source().reference() + "`", "`" + release.version() + "`", "`" + release.namespace() + "`")));
            platform.provided().forEach(provided -> expects.add(new PrerequisitesSection.ExpectedRow(cluster,
                    provided.component().key() + " (`" + provided.field() + ".provided`)",
                    provided.dependsOn() == null ? "installed outside Flux" : "Kustomization `" + provided.dependsOn() + "`")));
            delivery.cluster().dependsOn().forEach(name -> expects.add(new PrerequisitesSection.ExpectedRow(cluster,
                    "what Kustomization `" + name + "` applies (`spec.clusters[].dependsOn`)", "Kustomization `" + name + "`")));
            platform.expected().forEach(capability -> expects.add(new PrerequisitesSection.ExpectedRow(cluster,
                    capability.description() + " (nothing in the platform layer provides it)", "the cluster's own")));
            Application application = spec.views().getOrDefault(spec.viewOf(delivery.cluster()), defaults);
            if (!application.tls().managedIssuer() && application.components().stream().anyMatch(c -> !c.routes().isEmpty())) {
                expects.add(new PrerequisitesSection.ExpectedRow(cluster, "ClusterIssuer `" + application.tls().issuer() + "` (`spec.tls.issuer`)",
                        delivery.cluster().dependsOn().isEmpty() ? "the platform team's" : "the platform team's (`dependsOn`)"));
            }
            boolean stack = platform.releases().stream().anyMatch(r -> r.component() == PlatformComponent.KUBE_PROMETHEUS_STACK)
                    || platform.provided().stream().anyMatch(p -> p.component() == PlatformComponent.KUBE_PROMETHEUS_STACK);
            if (application.monitoring() != null && !stack) {
                expects.add(new PrerequisitesSection.ExpectedRow(cluster, "a Prometheus Operator and its Prometheus in namespace `"
                        + application.monitoring().namespace() + "` selecting the ServiceMonitors and PrometheusRules (`spec.monitoring`)",
                        "the platform team's"));
            }
            application.secrets().values().stream().filter(secret -> secret.externalSecret() != null)
                    .map(secret -> secret.externalSecret().storeKind() + " `" + secret.externalSecret().store() + "`")
                    .distinct()
                    .forEach(store -> expects.add(new PrerequisitesSection.ExpectedRow(cluster, store + " (`spec.secrets`)", "the platform team's")));
        }
        return new PrerequisitesSection(List.copyOf(installs), List.copyOf(expects));
    }

    /** The default view's declared egress of every component (an environment that changes it shows in its NetworkPolicy). */
    private List<RunbookView.EgressRow> egress() {
        return defaults.components().stream()
                .flatMap(component -> component.egress().stream().map(egress -> new RunbookView.EgressRow(component.name(), egress.destination(),
                        egress.anywhere() ? "any public address" : String.join(", ", egress.cidrs()),
                        egress.reason() != null ? egress.reason() : "-")))
                .toList();
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

    /**
     * {@link #environments()} and the view of each cluster with overrides, named after the cluster
     * ({@link ApplicationSpec#views()}): what the component table and the backups list per view.
     */
    private SortedMap<String, Application> views() {
        if (spec.clusterViews().isEmpty()) {
            return environments();
        }
        SortedMap<String, Application> views = new TreeMap<>(environments());
        views.putAll(spec.clusterViews());
        return views;
    }

    /**
     * A row of the component table. Where the views differ (replicas, volume sizes, hosts),
     * a cell names each view's value: {@code dev: 1 replica; production, staging: 3 replicas}
     * (a cluster with overrides by its name: {@code production: 2 replicas; shop-us-east1: 4 replicas}).
     */
    private ComponentRow componentRow(Component component) {
        return new ComponentRow(component.name(), component.type(),
                perEnvironment(component, (environment, c) -> factsIn(environment, c.name()).workload()),
                component.endpoint().map(endpoint -> Integer.toString(endpoint.port())).orElse("none"),
                perEnvironment(component, (environment, c) -> c.routes().isEmpty() ? "internal" : c.routes().get(0).url()),
                perEnvironment(component, (environment, c) -> factsIn(environment, c.name()).scaling()));
    }

    /**
     * One fact of a component in every environment that runs it: the fact alone when they agree,
     * else each distinct value after the environments that have it, in environment order.
     */
    private String perEnvironment(Component component, BiFunction<String, Component, String> fact) {
        Map<String, List<String>> environmentsByValue = new LinkedHashMap<>();
        views().forEach((environment, application) -> application.component(component.name()).ifPresent(c ->
                environmentsByValue.computeIfAbsent(fact.apply(environment, c), v -> new ArrayList<>()).add(environment)));
        if (environmentsByValue.size() <= 1) {
            return environmentsByValue.isEmpty() ? fact.apply(null, component) : environmentsByValue.keySet().iterator().next();
        }
        return environmentsByValue.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + ": " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    /** The facts of a component in an environment of {@link #environments()} ({@code default} when the spec has none). */
    private RunbookFacts factsIn(String environment, String component) {
        return facts.of(spec.environments().isEmpty() ? null : environment, component);
    }

    private EnvironmentRow environmentRow(String environment, Application application) {
        List<String> clusters = clustersOf(environment).stream()
                .map(c -> "`" + c.name() + "` (" + region(c) + ", " + delivery(c) + overrides(c) + ")")
                .toList();
        return new EnvironmentRow(environment, clusters.isEmpty() ? "none" : String.join(", ", clusters),
                orNone(hosts(application)));
    }

    private List<Cluster> clustersOf(String environment) {
        return spec.clusters().stream().filter(c -> c.environment().equals(environment)).toList();
    }

    /** The cluster's region, or {@code no region} when the spec names none. */
    private static String region(Cluster cluster) {
        return cluster.region() == null ? "no region" : cluster.region();
    }

    /** Where a cluster with overrides finds them: {@code , its own overrides in <file>}; empty for a cluster that runs its environment's view. */
    private String overrides(Cluster cluster) {
        if (!spec.clusterViews().containsKey(cluster.name())) {
            return "";
        }
        return ", its own overrides in `" + (cluster.method() == Cluster.Method.HELM
                ? layout.chart() + OutputLayout.valuesFile(cluster.name()) : layout.overlay(cluster.name())) + "`";
    }

    private static String delivery(Cluster cluster) {
        return cluster.method() == Cluster.Method.HELM ? "HelmRelease" : "Kustomization";
    }

    /** The public hosts of an application view, sorted and distinct, comma separated. */
    private static String hosts(Application application) {
        return application.components().stream()
                .flatMap(component -> component.routes().stream())
                .map(Route::host)
                .collect(Collectors.toCollection(TreeSet::new))
                .stream()
                .collect(Collectors.joining(", "));
    }

    private static String orNone(String text) {
        return text.isEmpty() ? "none" : text;
    }

    private DataSection data() {
        List<DatabaseSection> databases = new ArrayList<>();
        List<String> notBackedUp = new ArrayList<>();
        for (Component component : defaults.components()) {
            RunbookFacts stated = facts.of(null, component.name());
            if (stated.dataStore() != null) {
                databases.add(database(component, stated.dataStore()));
            }
            if (stated.unprotectedData() != null) {
                notBackedUp.add(stated.unprotectedData());
            }
        }
        return new DataSection(databases, notBackedUp);
    }

    private DatabaseSection database(Component db, RunbookFacts.DataStore store) {
        List<BackupRow> backups = new ArrayList<>();
        List<String> unprotected = new ArrayList<>();
        views().forEach((environment, application) -> {
            Backup backup = application.component(db.name())
                    .map(c -> factsIn(environment, c.name()).dataStore())
                    .map(RunbookFacts.DataStore::backup)
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
        List<Workload> writers = writersOf(db.name());
        List<String> quiesce = new ArrayList<>(fluxCommands("suspend"));
        writers.forEach(w -> quiesce.add(kubectl + w.stopCommand()));
        List<String> resume = new ArrayList<>(fluxCommands("resume"));
        writers.forEach(w -> w.resumeCommand().ifPresent(command -> resume.add(kubectl + command)));
        return new DatabaseSection(
                db.name(),
                store.database(),
                store.server(),
                store.external(),
                backups,
                String.join(", ", unprotected),
                store.backupCronJob(),
                List.of(kubectl + "get cronjob " + store.backupCronJob(),
                        kubectl + "get jobs --sort-by=.metadata.creationTimestamp",
                        kubectl + "logs job/<newest " + store.backupCronJob() + " job>"),
                writers.stream().map(w -> "`" + w.name() + "`").collect(Collectors.joining(", ")),
                quiesce,
                kubectl + "create job --from=cronjob/" + store.restoreCronJob() + " " + store.restoreCronJob() + "-$(date +%s)",
                kubectl + "get jobs --watch",
                resume,
                store.restoreCronJob(),
                store.drillCronJob(),
                kubectl + "create job --from=cronjob/" + store.drillCronJob() + " " + store.drillCronJob() + "-$(date +%s)",
                store.readReplicas() == null ? null : replicas(store.readReplicas(), store, kubectl));
    }

    /** The read replica procedures: status, rebuild one replica, promote replica 0, bring back the primary. */
    private DatabaseSection.ReplicaSection replicas(RunbookFacts.ReadReplicas replicas, RunbookFacts.DataStore store, String kubectl) {
        String primaryPod = replicas.primary() + "-0";
        String onPrimary = kubectl + "exec -i " + primaryPod + " -c " + replicas.primary()
                + " -- sh -c 'psql --username=\"$POSTGRES_USER\" --dbname=\"$POSTGRES_DB\"'";
        String slot = replicas.slots().get(0).replaceFirst("_0$", "_<i>");
        List<String> promote = new ArrayList<>(fluxCommands("suspend"));
        promote.add(kubectl + "scale statefulset " + replicas.primary() + " --replicas=0");
        promote.add(kubectl + "exec " + replicas.statefulSet() + "-0 -c " + replicas.statefulSet() + " -- sh -c 'pg_ctl promote --pgdata=\"$PGDATA\"'");
        promote.add(kubectl + "patch service " + replicas.primary() + " --type=merge -p '{\"spec\":{\"selector\":{"
                + "\"app.kubernetes.io/name\":\"" + replicas.statefulSet() + "\",\"statefulset.kubernetes.io/pod-name\":\""
                + replicas.statefulSet() + "-0\"}}}'");
        String backupJob = store.backupCronJob() + "-$(date +%s)";
        List<String> reinstate = new ArrayList<>();
        reinstate.add("backup=" + backupJob);
        reinstate.add(kubectl + "create job --from=cronjob/" + store.backupCronJob() + " \"$backup\"");
        reinstate.add(kubectl + "wait --for=condition=complete --timeout=" + BACKUP_WAIT + " job/\"$backup\"");
        writersOf(replicas.primary()).forEach(w -> reinstate.add(kubectl + w.stopCommand()));
        reinstate.add(kubectl + "delete pvc " + VolumeClaims.DATA + "-" + primaryPod);
        reinstate.add(kubectl + "scale statefulset " + replicas.primary() + " --replicas=1");
        reinstate.add(kubectl + "rollout status statefulset " + replicas.primary());
        reinstate.add(kubectl + "patch service " + replicas.primary() + " --type=merge -p '{\"spec\":{\"selector\":{"
                + "\"app.kubernetes.io/name\":\"" + replicas.primary() + "\",\"statefulset.kubernetes.io/pod-name\":null}}}'");
        reinstate.add("restore=" + store.restoreCronJob() + "-$(date +%s)");
        reinstate.add(kubectl + "create job --from=cronjob/" + store.restoreCronJob() + " \"$restore\"");
        reinstate.add(kubectl + "wait --for=condition=complete --timeout=" + BACKUP_WAIT + " job/\"$restore\"");
        reinstate.addAll(fluxCommands("resume"));
        writersOf(replicas.primary()).forEach(w -> w.resumeCommand().ifPresent(command -> reinstate.add(kubectl + command)));
        return new DatabaseSection.ReplicaSection(
                replicas.primary(),
                replicas.statefulSet(),
                replicas.count(),
                replicas.slots().stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")),
                List.of(onPrimary + " <<'SQL'",
                        "SELECT application_name, state, replay_lag FROM pg_stat_replication;",
                        "SELECT slot_name, active, restart_lsn FROM pg_replication_slots;",
                        "SQL",
                        kubectl + "exec " + replicas.statefulSet() + "-0 -c " + replicas.statefulSet()
                                + " -- psql --dbname=postgres --command='SELECT now() - pg_last_xact_replay_timestamp() AS replay_delay'"),
                List.of(onPrimary + " <<'SQL'",
                        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND NOT active;",
                        "SELECT pg_create_physical_replication_slot('" + slot + "');",
                        "SQL",
                        kubectl + "delete pvc " + VolumeClaims.DATA + "-" + replicas.statefulSet() + "-<i> --wait=false",
                        kubectl + "delete pod " + replicas.statefulSet() + "-<i>",
                        kubectl + "logs " + replicas.statefulSet() + "-<i> -c clone --follow"),
                promote,
                reinstate);
    }

    /** The workloads of the components that connect to {@code database}, in name order. */
    private List<Workload> writersOf(String database) {
        return defaults.components().stream()
                .filter(component -> component.uses().contains(database))
                .flatMap(component -> component.workload().stream())
                .toList();
    }

    /**
     * {@code flux suspend|resume} of the Flux objects that apply the application — the HelmRelease,
     * or each Kustomization (the jobs' stage first, {@link dev.shipshape.model.JobStages}) — so Flux
     * does not undo a manual scale-down mid-restore.
     */
    private List<String> fluxCommands(String verb) {
        Set<String> objects = new LinkedHashSet<>();
        deliveries.stream()
                .sorted((a, b) -> a.cluster().method().compareTo(b.cluster().method()))
                .forEach(delivery -> {
                    if (delivery.cluster().method() == Cluster.Method.HELM) {
                        objects.add("helmrelease " + defaults.name());
                    } else {
                        // the jobs' Kustomization first: it applies the jobs (a migration) and the database
                        delivery.entry().stream().filter(o -> o.getKind().equals("Kustomization"))
                                .forEach(o -> objects.add("kustomization " + o.getMetadata().getName()));
                    }
                });
        return objects.stream()
                .map(object -> "flux -n flux-system " + verb + " " + object)
                .toList();
    }

    /** Recovery through Flux, or {@code null} when the spec delivers through no Flux ({@code spec.delivery} left out). */
    private RecoverySection recovery() {
        Delivery delivery = spec.delivery();
        if (delivery == null) {
            return null;
        }
        List<ClusterRow> clusters = spec.clusters().stream().map(c -> clusterRow(c, delivery)).toList();
        List<String> inCluster = dataStores(defaults).stream()
                .filter(db -> !facts.of(null, db.name()).dataStore().external())
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
                        "kubectl -n " + namespace + " get " + routeResources(),
                        "flux get all --all-namespaces --status-selector ready=false"));
    }

    /** The route objects the views render, for {@code kubectl get}: Ingresses, the own Gateway, Gateway API routes, certificates. */
    private String routeResources() {
        List<String> resources = new ArrayList<>();
        if (allViews().stream().anyMatch(a -> !a.routesThroughGateway())) {
            resources.add("ingress");
        }
        if (allViews().stream().anyMatch(a -> a.routesThroughGateway() && a.gateway().owned())) {
            resources.add("gateways");
        }
        if (allViews().stream().anyMatch(Application::routesThroughGateway)) {
            resources.add("httproutes,grpcroutes");
        }
        resources.add("certificates");
        return String.join(",", resources);
    }

    /** The components of a view that hold backed-up data. */
    private List<Component> dataStores(Application application) {
        String environment = application.environment();
        return application.components().stream()
                .filter(c -> facts.of(environment, c.name()).dataStore() != null)
                .toList();
    }

    private ClusterRow clusterRow(Cluster cluster, Delivery delivery) {
        String entryPoint = layout.entryPoint(cluster.name());
        String reconcile = cluster.method() == Cluster.Method.HELM
                ? "flux get helmreleases --all-namespaces --watch"
                : "flux get kustomizations --all-namespaces --watch";
        return new ClusterRow(
                cluster.name(),
                cluster.environment(),
                region(cluster),
                delivery(cluster),
                entryPoint,
                "flux bootstrap git --url=" + delivery.repository() + " --branch=" + delivery.branch()
                        + " --path=" + entryPoint,
                reconcile,
                cluster.dependsOn().stream().map(d -> "`" + d + "`").collect(Collectors.joining(", ")));
    }

    /**
     * What a rebuilt cluster needs before Flux can apply its folder, one sentence each: the
     * expected rows of {@link #platformPrerequisites()} (the platform layer installs the rest).
     */
    private List<String> prerequisites() {
        PrerequisitesSection section = platformPrerequisites();
        List<String> items = new ArrayList<>();
        if (section != null) {
            section.expects().forEach(row -> items.add(row.what() + " on " + row.cluster() + ", ready by " + row.readyBy()));
        }
        if (allViews().stream().anyMatch(application -> application.secrets().values().stream().anyMatch(s -> s.sops() != null))) {
            items.add("the sops private key in Secret `" + decryptionSecret() + "` of `flux-system`, for the Secrets Flux decrypts; for an age key: "
                    + "`kubectl create secret generic " + decryptionSecret()
                    + " --namespace=flux-system --from-file=age.agekey=<age key file>` (https://fluxcd.io/flux/guides/mozilla-sops/); "
                    + "the Helm chart installed without Flux needs each sops file applied first: `sops --decrypt <file> | kubectl apply -f -`");
        }
        if (items.isEmpty()) {
            return List.of("nothing beyond Flux: each cluster folder's platform layer installs what the application needs"
                    + " (Prerequisites on each cluster)");
        }
        return List.copyOf(items);
    }

    /** The Secret holding the sops key ({@code spec.delivery.decryptionSecret}, or its default without delivery). */
    private String decryptionSecret() {
        return spec.delivery() == null ? dev.shipshape.spec.Delivery.DEFAULT_DECRYPTION_SECRET : spec.delivery().decryptionSecret();
    }

    /** The default view followed by each other view's ({@link ApplicationSpec#views()}), in name order. */
    private List<Application> allViews() {
        List<Application> views = new ArrayList<>();
        views.add(defaults);
        views.addAll(spec.views().values());
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
                String line;
                if (source.sops() != null) {
                    line = "`" + source.name() + "`: in Git, sops-encrypted (`" + source.sops().path() + "` next to the spec); Flux decrypts Secret `"
                            + source.secretName() + "` with the key in Secret `" + decryptionSecret() + "` of `flux-system`";
                } else if (source.externalSecret() == null) {
                    line = "`" + source.name() + "`: recreate Secret `" + source.secretName() + "` in namespace `"
                            + namespace + "` by hand, before Flux starts the workloads that read it";
                } else {
                    line = "`" + source.name() + "`: the External Secrets Operator recreates Secret `"
                            + source.secretName() + "` from " + source.externalSecret().storeKind() + " `"
                            + source.externalSecret().store() + "`";
                }
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
            List<Component> dbs = dataStores(application);
            sections.add(new FailoverSection(
                    environment,
                    clusters.stream().map(c -> "`" + c.name() + "` (" + region(c) + ")").toList(),
                    orNone(hosts(application)),
                    dbs.stream().filter(db -> !external(application, db)).map(db -> "`" + db.name() + "`")
                            .collect(Collectors.joining(", ")),
                    dbs.stream().filter(db -> external(application, db)).map(db -> "`" + db.name() + "`")
                            .collect(Collectors.joining(", "))));
        });
        return sections;
    }

    private boolean external(Application application, Component dataStore) {
        return facts.of(application.environment(), dataStore.name()).dataStore().external();
    }

    private String singleRegionEnvironments() {
        return environments().keySet().stream()
                .filter(environment -> clustersOf(environment).size() == 1)
                .collect(Collectors.joining(", "));
    }

    /** What forwards public traffic in a view: an ingress controller, a Gateway implementation, or a shared Gateway. */

    /** Who provides the issuer: shipshape (an ACME Issuer in the namespace) or the cluster (a ClusterIssuer). */
    private static String issuerOrigin(Application application) {
        if (!application.issuesCertificates()) {
            return "not used: the shared Gateway's listeners hold the certificates (the platform's)";
        }
        Tls tls = application.tls();
        if (!tls.managedIssuer()) {
            return "existing in the cluster";
        }
        if (!application.needsManagedIssuer()) {
            return "not emitted: no component has a public route";
        }
        return tls.issuer().equals("letsencrypt-staging")
                ? "emitted by shipshape (Let's Encrypt staging ACME, browsers do not trust it)"
                : "emitted by shipshape (Let's Encrypt production ACME)";
    }

    /** Where TLS terminates in a view: the Ingresses of a class, or a Gateway. */
    private static String servedBy(Application application) {
        if (!application.routesThroughGateway()) {
            return "Ingress, class `" + application.ingress().className() + "`";
        }
        Gateway gateway = application.gateway();
        return gateway.owned() ? "own Gateway `" + gateway.name() + "`, class `" + gateway.className() + "`"
                : "shared Gateway `" + gateway.namespace() + "/" + gateway.name() + "`";
    }

    private TlsSection tls() {
        List<TlsRow> rows = new ArrayList<>();
        environments().forEach((environment, application) -> rows.add(new TlsRow(
                environment,
                application.tls().issuer(),
                issuerOrigin(application),
                orNone(hosts(application)),
                !application.issuesCertificates() ? "the shared Gateway's" : application.tls().redirect() ? "yes" : "no",
                servedBy(application))));
        List<PodCertificateRow> pods = new ArrayList<>();
        environments().forEach((environment, application) -> application.components().forEach(component ->
                PodCertificates.tlsPorts(component).forEach(port -> pods.add(new PodCertificateRow(environment, component.name(), port.name(),
                        PodCertificates.secretName(component.name(), port),
                        port.tls().internalIssuer() ? "internal CA" : port.tls().issuer().kind() + " `" + port.tls().issuer().name() + "`",
                        port.tls().mountPath())))));
        boolean internalCa = environments().values().stream().flatMap(application -> application.components().stream())
                .flatMap(component -> PodCertificates.tlsPorts(component).stream()).anyMatch(port -> port.tls().internalIssuer());
        String ca = PodCertificates.caName(defaults.name());
        String kubectl = "kubectl -n " + namespace + " ";
        return new TlsSection(rows, pods, internalCa ? ca : null,
                internalCa ? kubectl + "get secret " + ca + " -o jsonpath='{.data.ca\\.crt}' | base64 -d > " + ca + ".crt" : null,
                List.of(kubectl + "get certificates",
                        kubectl + "describe certificate <name>",
                        kubectl + "get certificaterequests,orders,challenges"),
                "cmctl renew --all -n " + namespace);
    }
}
