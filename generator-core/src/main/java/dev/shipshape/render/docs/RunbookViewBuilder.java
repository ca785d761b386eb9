package dev.shipshape.render.docs;

import dev.shipshape.render.docs.DatabaseSection.BackupRow;
import dev.shipshape.render.docs.RecoverySection.ClusterRow;
import dev.shipshape.render.docs.RunbookView.ComponentRow;
import dev.shipshape.render.docs.RunbookView.EnvironmentRow;
import dev.shipshape.render.docs.TlsSection.TlsRow;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.ComponentFacts;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.model.VolumeClaims;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.Workload;
import dev.shipshape.spec.Tls;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Delivery;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.SecretSource;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
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

    /** @param model a built model */
    RunbookViewBuilder(ApplicationModel model) {
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
                egress());
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

    private ComponentRow componentRow(Component component) {
        RunbookFacts stated = facts.of(null, component.name());
        return new ComponentRow(component.name(), component.type(), stated.workload(),
                component.endpoint().map(endpoint -> Integer.toString(endpoint.port())).orElse("none"),
                component.routes().isEmpty() ? "internal" : component.routes().get(0).url(), stated.scaling());
    }

    /** The facts of a component in an environment of {@link #environments()} ({@code default} when the spec has none). */
    private RunbookFacts factsIn(String environment, String component) {
        return facts.of(spec.environments().isEmpty() ? null : environment, component);
    }

    private EnvironmentRow environmentRow(String environment, Application application) {
        List<String> clusters = clustersOf(environment).stream()
                .map(c -> "`" + c.name() + "` (" + region(c) + ", " + delivery(c) + ")")
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
        environments().forEach((environment, application) -> {
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
                        "kubectl -n " + namespace + " get ingress,certificates",
                        "flux get all --all-namespaces --status-selector ready=false"));
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

    /** Platform pieces the application needs before Flux can apply it, in a fixed order. */
    private List<String> prerequisites() {
        Set<String> ingress = new TreeSet<>();
        SortedMap<String, String> issuers = new TreeMap<>();
        Set<String> monitoring = new TreeSet<>();
        boolean externalSecrets = false;
        boolean sops = false;
        Set<String> dnsHosts = new TreeSet<>();
        for (Application application : allViews()) {
            if (!hosts(application).isEmpty()) {
                ingress.add("`" + application.ingress().className() + "` in namespace `"
                        + application.ingress().namespace() + "`");
                String issuer = application.tls().issuer();
                issuers.put(issuer, "`" + issuer + "`" + (application.tls().managedIssuer()
                        ? " (a namespaced ACME Issuer shipshape emits)" : " (a ClusterIssuer that must already exist)"));
            }
            externalSecrets |= application.secrets().values().stream().anyMatch(s -> s.externalSecret() != null);
            sops |= application.secrets().values().stream().anyMatch(s -> s.sops() != null);
            if (application.dns() != null) {
                application.components().forEach(c -> c.routes().forEach(route -> dnsHosts.add("`" + route.host() + "`")));
            }
            if (application.monitoring() != null) {
                monitoring.add("`" + application.monitoring().namespace() + "`");
            }
        }
        List<String> items = new ArrayList<>();
        if (!ingress.isEmpty()) {
            items.add("the ingress controller of IngressClass " + String.join(", ", ingress));
            items.add("cert-manager, for the issuer" + (issuers.size() == 1 ? " " : "s ")
                    + String.join(", ", issuers.values()));
        }
        if (!dnsHosts.isEmpty()) {
            items.add("external-dns, watching Ingresses, with write access to the DNS zones that hold " + String.join(", ", dnsHosts)
                    + " (it creates their records from the `" + dev.shipshape.model.PublicRoutes.DNS_HOSTNAME + "` annotations)");
        }
        if (externalSecrets) {
            items.add("the External Secrets Operator, with access to the secret stores named below");
        }
        if (sops) {
            items.add("the sops private key in Secret `" + decryptionSecret() + "` of `flux-system`, for the Secrets Flux decrypts; for an age key: "
                    + "`kubectl create secret generic " + decryptionSecret()
                    + " --namespace=flux-system --from-file=age.agekey=<age key file>` (https://fluxcd.io/flux/guides/mozilla-sops/); "
                    + "the Helm chart installed without Flux needs each sops file applied first: `sops --decrypt <file> | kubectl apply -f -`");
        }
        if (!monitoring.isEmpty()) {
            items.add("the Prometheus Operator, with its Prometheus in namespace " + String.join(", ", monitoring)
                    + " (it reads the ServiceMonitors and the PrometheusRule)");
        }
        Set<String> dependsOn = new TreeSet<>();
        spec.clusters().forEach(c -> dependsOn.addAll(c.dependsOn()));
        if (!dependsOn.isEmpty()) {
            items.add("the Flux Kustomizations " + dependsOn.stream().map(d -> "`" + d + "`")
                    .collect(Collectors.joining(", ")) + " in `flux-system`, which the application waits for");
        }
        return List.copyOf(items);
    }

    /** The Secret holding the sops key ({@code spec.delivery.decryptionSecret}, or its default without delivery). */
    private String decryptionSecret() {
        return spec.delivery() == null ? dev.shipshape.spec.Delivery.DEFAULT_DECRYPTION_SECRET : spec.delivery().decryptionSecret();
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

    /** Who provides the issuer: shipshape (an ACME Issuer in the namespace) or the cluster (a ClusterIssuer). */
    private static String issuerOrigin(Application application) {
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

    private TlsSection tls() {
        List<TlsRow> rows = new ArrayList<>();
        environments().forEach((environment, application) -> rows.add(new TlsRow(
                environment,
                application.tls().issuer(),
                issuerOrigin(application),
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
