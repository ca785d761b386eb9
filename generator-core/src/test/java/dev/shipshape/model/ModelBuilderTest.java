package dev.shipshape.model;

import dev.shipshape.kind.prometheus.PrometheusObjects;
import dev.shipshape.kind.postgres.BackupJobs;
import dev.shipshape.kind.web.WebWorkloads;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Backup;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.EnvVar;
import dev.shipshape.kind.postgres.PostgresComponent;
import dev.shipshape.spec.Tls;
import dev.shipshape.kind.web.WebComponent;
import dev.shipshape.testing.WebComponents;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.shipshape.model.ModelObjects.find;
import static dev.shipshape.model.ModelObjects.get;
import static dev.shipshape.model.ModelObjects.podTemplates;
import static dev.shipshape.model.ModelObjects.selects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelBuilderTest {

    private final ModelBuilder builder = new ModelBuilder();
    private final ApplicationModel acme = builder.build(AcmeSpec.spec());

    @Test
    void acmeDefaultsHoldEveryObjectOfTheCatalog() {
        assertEquals(List.of(
                        "Certificate/api-tls", "Certificate/ui-tls",
                        "ConfigMap/metrics-config",
                        "CronJob/db-backup", "CronJob/db-restore", "CronJob/db-restore-drill",
                        "Deployment/api", "Deployment/ui",
                        "ExternalSecret/db-credentials",
                        "HorizontalPodAutoscaler/api", "HorizontalPodAutoscaler/ui",
                        "Ingress/api", "Ingress/ui",
                        "Issuer/letsencrypt-production",
                        "Namespace/acme",
                        "NetworkPolicy/acme-http01-solver", "NetworkPolicy/allow-dns", "NetworkPolicy/api",
                        "NetworkPolicy/db", "NetworkPolicy/db-backup", "NetworkPolicy/default-deny",
                        "NetworkPolicy/metrics", "NetworkPolicy/ui",
                        "PodDisruptionBudget/api", "PodDisruptionBudget/db", "PodDisruptionBudget/metrics",
                        "PodDisruptionBudget/ui",
                        "PrometheusRule/acme",
                        "Role/metrics", "RoleBinding/metrics",
                        "Service/api", "Service/db", "Service/metrics", "Service/metrics-headless", "Service/ui",
                        "ServiceAccount/api", "ServiceAccount/db", "ServiceAccount/db-backup", "ServiceAccount/metrics",
                        "ServiceAccount/ui",
                        "ServiceMonitor/api",
                        "StatefulSet/db", "StatefulSet/metrics"),
                ModelObjects.kindsAndNames(acme.defaults()));
        assertEquals(List.of("production", "staging"), List.copyOf(acme.environments().keySet()));
    }

    @Test
    void objectsAreSortedByKeyAndNamespacedInTheApplication() {
        for (List<HasMetadata> objects : allViews(acme)) {
            List<ObjectKey> keys = objects.stream().map(ObjectKey::of).toList();
            assertEquals(keys.stream().sorted().toList(), keys);
            for (HasMetadata object : objects) {
                String expected = object.getKind().equals("Namespace") ? null : "acme";
                assertEquals(expected, object.getMetadata().getNamespace(), ObjectKey.of(object).toString());
            }
        }
    }

    @Test
    void stagingCarriesItsOverrides() {
        List<HasMetadata> staging = acme.environments().get("staging");

        assertEquals(3, get(staging, HorizontalPodAutoscaler.class, "api").getSpec().getMaxReplicas());
        assertEquals(10, get(acme.defaults(), HorizontalPodAutoscaler.class, "api").getSpec().getMaxReplicas());
        assertEquals("www.staging.acme.com", get(staging, Ingress.class, "ui").getSpec().getRules().get(0).getHost());
        assertEquals("5Gi", get(staging, StatefulSet.class, "db").getSpec().getVolumeClaimTemplates().get(0)
                .getSpec().getResources().getRequests().get("storage").toString());
        assertTrue(find(staging, GenericKubernetesResource.class, "letsencrypt-staging").isPresent());
        assertFalse(find(staging, GenericKubernetesResource.class, "letsencrypt-production").isPresent());
        Map<String, Object> issuer = get(staging, GenericKubernetesResource.class, "letsencrypt-staging").get("spec", "acme");
        assertEquals("https://acme-staging-v02.api.letsencrypt.org/directory", issuer.get("server"));
        Map<String, Object> issuerRef = get(staging, GenericKubernetesResource.class, "ui-tls").get("spec", "issuerRef");
        assertEquals(Map.of("name", "letsencrypt-staging", "kind", "Issuer", "group", "cert-manager.io"), issuerRef);
    }

    @Test
    void anExistingClusterIssuerIsReferencedNotEmitted() {
        ApplicationModel model = builder.build(AcmeSpec.spec(app -> AcmeSpec.withTls(app, new Tls("corporate-ca", null, false))));

        Map<String, Object> issuerRef = get(model.defaults(), GenericKubernetesResource.class, "api-tls").get("spec", "issuerRef");
        assertEquals("ClusterIssuer", issuerRef.get("kind"));
        assertTrue(model.defaults().stream().noneMatch(o -> o.getKind().equals("Issuer")));
        assertFalse(find(model.defaults(), NetworkPolicy.class, NetworkPolicies.ACME_SOLVER).isPresent());
        assertEquals("false", get(model.defaults(), Ingress.class, "api").getMetadata().getAnnotations()
                .get(IngressAnnotations.SSL_REDIRECT));
    }

    @Test
    void autoscaledDeploymentsHaveNoReplicas() {
        Deployment api = get(acme.defaults(), Deployment.class, "api");
        HorizontalPodAutoscaler hpa = get(acme.defaults(), HorizontalPodAutoscaler.class, "api");

        assertNull(api.getSpec().getReplicas());
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("api", hpa.getSpec().getScaleTargetRef().getName());
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(70, hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization());
        assertTrue(get(acme.defaults(), PodDisruptionBudget.class, "api").getSpec().getMaxUnavailable().getIntVal() > 0);
    }

    @Test
    void fixedReplicasSetReplicasAndABudgetFromTwo() {
        List<HasMetadata> objects = builder.build(AcmeSpec.spec(AcmeSpec::fixedReplicas)).defaults();

        assertEquals(3, get(objects, Deployment.class, "api").getSpec().getReplicas());
        assertEquals(1, get(objects, Deployment.class, "ui").getSpec().getReplicas());
        assertTrue(find(objects, PodDisruptionBudget.class, "api").isPresent());
        assertFalse(find(objects, PodDisruptionBudget.class, "ui").isPresent());
        assertTrue(objects.stream().noneMatch(HorizontalPodAutoscaler.class::isInstance));
        Container api = get(objects, Deployment.class, "api").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("1", api.getResources().getLimits().get("cpu").toString());
        assertEquals("1Gi", api.getResources().getLimits().get("memory").toString());
        Ingress ingress = get(objects, Ingress.class, "api");
        assertEquals("203.0.113.0/24,198.51.100.7/32", ingress.getMetadata().getAnnotations().get(IngressAnnotations.SOURCE_RANGE));
        assertEquals("/v1", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getPath());
    }

    @Test
    void everySelectorMatchesItsPodTemplateAndEveryLabelIsRecommended() {
        for (List<HasMetadata> objects : allViews(acme)) {
            List<PodTemplateSpec> templates = podTemplates(objects);
            for (HasMetadata object : objects) {
                String key = ObjectKey.of(object).toString();
                assertRecommendedLabels(key, object.getMetadata().getLabels());
                ModelObjects.podTemplate(object).ifPresent(t -> assertRecommendedLabels(key + " pod", t.getMetadata().getLabels()));
                if (object instanceof Deployment d) {
                    assertTrue(selects(d.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()), key);
                    assertEquals(2, d.getSpec().getSelector().getMatchLabels().size(), key);
                } else if (object instanceof StatefulSet s) {
                    assertTrue(selects(s.getSpec().getSelector(), s.getSpec().getTemplate().getMetadata().getLabels()), key);
                    Service governing = get(objects, Service.class, s.getSpec().getServiceName());
                    assertEquals("None", governing.getSpec().getClusterIP(), key + " needs a headless Service");
                } else if (object instanceof Service s) {
                    assertEquals(1, templates.stream().filter(t -> selects(s.getSpec().getSelector(), t.getMetadata().getLabels())).count(), key);
                } else if (object instanceof PodDisruptionBudget p) {
                    assertTrue(templates.stream().anyMatch(t -> selects(p.getSpec().getSelector(), t.getMetadata().getLabels())), key);
                } else if (object instanceof NetworkPolicy n && !n.getMetadata().getName().equals(NetworkPolicies.ACME_SOLVER)) {
                    assertTrue(templates.stream().anyMatch(t -> selects(n.getSpec().getPodSelector(), t.getMetadata().getLabels())), key);
                } else if (object instanceof GenericKubernetesResource r && r.getKind().equals("ServiceMonitor")) {
                    Map<String, String> selector = r.get("spec", "selector", "matchLabels");
                    String port = r.get("spec", "endpoints", 0, "port");
                    Service service = get(objects, Service.class, r.getMetadata().getName());
                    assertTrue(selects(selector, service.getMetadata().getLabels()), key);
                    assertTrue(service.getSpec().getPorts().stream().anyMatch(p -> p.getName().equals(port)), key);
                }
            }
        }
    }

    @Test
    void everyPodRunsRestrictedWithResourcesAndItsOwnServiceAccount() {
        List<HasMetadata> objects = acme.defaults();
        for (PodTemplateSpec template : podTemplates(objects)) {
            var pod = template.getSpec();
            String name = template.getMetadata().getLabels().get(Labels.NAME);
            assertTrue(pod.getSecurityContext().getRunAsNonRoot(), name);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0 && pod.getSecurityContext().getFsGroup() > 0, name);
            ServiceAccount account = get(objects, ServiceAccount.class, pod.getServiceAccountName());
            assertEquals(name.equals("metrics"), account.getAutomountServiceAccountToken(), name);
            List<Container> containers = new ArrayList<>(pod.getContainers());
            containers.addAll(pod.getInitContainers());
            for (Container container : containers) {
                var security = container.getSecurityContext();
                assertFalse(security.getAllowPrivilegeEscalation(), name);
                assertTrue(security.getReadOnlyRootFilesystem(), name);
                assertEquals(List.of("ALL"), security.getCapabilities().getDrop(), name);
                assertEquals("RuntimeDefault", security.getSeccompProfile().getType(), name);
                assertTrue(container.getResources().getRequests().keySet().containsAll(List.of("cpu", "memory")), name);
                assertTrue(container.getResources().getLimits().containsKey("memory"), name);
                assertEquals("IfNotPresent", container.getImagePullPolicy(), name);
                assertFalse(container.getImage().endsWith(":latest"), name);
            }
        }
    }

    @Test
    void webDeploymentsUpdateWithoutDowntime() {
        Deployment api = get(acme.defaults(), Deployment.class, "api");
        Container container = api.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertEquals(0, api.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal());
        assertEquals("http", container.getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("/live", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("/ready", container.getStartupProbe().getHttpGet().getPath());
        assertFalse(container.getReadinessProbe().equals(container.getLivenessProbe()));
        assertEquals(List.of("http", "metrics"), container.getPorts().stream().map(p -> p.getName()).toList());
        assertEquals(WebWorkloads.DRAIN_SECONDS, container.getLifecycle().getPreStop().getSleep().getSeconds());
        assertTrue(api.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() > WebWorkloads.DRAIN_SECONDS);
        assertEquals(List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone"),
                api.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().stream().map(t -> t.getTopologyKey()).toList());
        Service service = get(acme.defaults(), Service.class, "api");
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(List.of("http:8443->http", "metrics:9100->metrics"), service.getSpec().getPorts().stream()
                .map(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal()).toList());
    }

    @Test
    void environmentReferencesExpandToConnectionDetails() {
        Map<String, Container> containers = containers(acme.defaults());
        Map<String, String> literal = containers.get("api").getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(e -> e.getName(), e -> e.getValue()));

        assertEquals("postgresql://db:5432/acme", literal.get("POSTGRES_URL"));
        assertEquals("http://metrics:80", literal.get("METRICS_URL"));
        var password = containers.get("api").getEnv().stream().filter(e -> e.getName().equals("DB_PASSWORD")).findFirst().orElseThrow();
        assertEquals("db-credentials", password.getValueFrom().getSecretKeyRef().getName());
        assertEquals("password", password.getValueFrom().getSecretKeyRef().getKey());
        var backupCredentials = get(acme.defaults(), CronJob.class, "db-backup").getSpec().getJobTemplate().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getEnvFrom().get(0).getSecretRef().getName();
        assertEquals("acme-backup-credentials", backupCredentials);

        ApplicationModel external = builder.build(AcmeSpec.spec(AcmeSpec::externalDatabase));
        Container api = containers(external.defaults()).get("api");
        assertEquals("postgresql://10.20.0.5:5432/acme", api.getEnv().get(0).getValue());
    }

    @Test
    void aBackupWithoutCredentialsUsesWorkloadIdentity() {
        ApplicationSpec spec = AcmeSpec.spec(app -> AcmeSpec.withComponents(app, c -> c instanceof PostgresComponent db
                ? new PostgresComponent(db.name(), db.image(), db.database(), db.credentials(), db.storage(), db.storageClass(),
                        db.resources(), db.external(), new Backup(db.backup().schedule(), db.backup().retentionDays(),
                                db.backup().destination(), null, db.backup().drillSchedule()), db.majorVersion(), db.readReplicas(), db.location())
                : c));

        CronJob backup = get(builder.build(spec).defaults(), CronJob.class, "db-backup");
        Container uploader = backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(uploader.getEnvFrom().isEmpty(), uploader::toString);
        assertTrue(uploader.getEnv().stream().anyMatch(e -> e.getName().equals("RCLONE_CONFIG_STORE_ENV_AUTH") && "true".equals(e.getValue())));
    }

    @Test
    void aReferenceToAnUnknownComponentNamesTheVariable() {
        ApplicationSpec spec = AcmeSpec.spec(app -> AcmeSpec.withComponents(app, c -> c instanceof WebComponent w && w.name().equals("ui")
                ? new WebComponent(w.name(), w.pod(), w.ports(), w.routes(), w.probes(), w.resources(), w.replicas(),
                        w.autoscaling(), w.metrics(), List.of(new EnvVar("CACHE", "redis://${cache.host}:6379", null, AcmeSpec.at(40, 9))),
                        w.uses(), w.egress(), w.envFromSecrets(), w.location())
                : c));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> builder.build(spec));
        assertTrue(error.getMessage().startsWith("specs/acme.yaml:40:9: ${cache.host} names no component"), error.getMessage());
    }

    @Test
    void networkPoliciesAdmitExactlyTheDeclaredTraffic() {
        List<HasMetadata> objects = acme.defaults();

        assertEquals(List.of("ns:ingress-nginx:8443", "pods:ui:8443", "pods:metrics+ns:monitoring:9100"),
                ingress(get(objects, NetworkPolicy.class, "api")));
        assertEquals(List.of("pods:db:5432", "pods:metrics:9090"), egress(get(objects, NetworkPolicy.class, "api")));
        assertEquals(List.of("ns:ingress-nginx:8080"), ingress(get(objects, NetworkPolicy.class, "ui")));
        assertEquals(List.of("pods:api:8443"), egress(get(objects, NetworkPolicy.class, "ui")));
        assertEquals(List.of("pods:api:5432", "pods:db-backup:5432"), ingress(get(objects, NetworkPolicy.class, "db")));
        assertEquals(List.of(), egress(get(objects, NetworkPolicy.class, "db")));
        assertEquals(List.of("pods:api:9090"), ingress(get(objects, NetworkPolicy.class, "metrics")));
        assertEquals(List.of("pods:api:9100", "ip:0.0.0.0/0:443,6443"), egress(get(objects, NetworkPolicy.class, "metrics")));
        assertEquals(List.of("pods:db:5432", "ip:0.0.0.0/0:443"), egress(get(objects, NetworkPolicy.class, "db-backup")));
        NetworkPolicy deny = get(objects, NetworkPolicy.class, NetworkPolicies.DEFAULT_DENY);
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertEquals(List.of("Ingress", "Egress"), deny.getSpec().getPolicyTypes());
        assertEquals(List.of("kube-system/kube-dns:53/UDP,53/TCP"), get(objects, NetworkPolicy.class, NetworkPolicies.ALLOW_DNS)
                .getSpec().getEgress().stream().map(r -> r.getTo().get(0).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name")
                        + "/" + r.getTo().get(0).getPodSelector().getMatchLabels().get("k8s-app") + ":"
                        + r.getPorts().stream().map(p -> p.getPort().getIntVal() + "/" + p.getProtocol()).collect(Collectors.joining(",")))
                .toList());
    }

    @Test
    void anExternalDatabaseHasNoWorkloadAndIsReachedByItsNetwork() {
        List<HasMetadata> objects = builder.build(AcmeSpec.spec(AcmeSpec::externalDatabase)).defaults();

        assertFalse(find(objects, StatefulSet.class, "db").isPresent());
        assertFalse(find(objects, Service.class, "db").isPresent());
        assertFalse(find(objects, NetworkPolicy.class, "db").isPresent());
        assertEquals(List.of("ip:10.20.0.0/24:5432", "pods:metrics:9090"), egress(get(objects, NetworkPolicy.class, "api")));
        assertEquals(List.of("ip:10.20.0.0/24:5432", "ip:0.0.0.0/0:443"), egress(get(objects, NetworkPolicy.class, "db-backup")));
        assertTrue(find(objects, CronJob.class, "db-backup").isPresent());
    }

    @Test
    void backupsRestoreAndDrillAreCronJobsWithHygiene() {
        List<HasMetadata> objects = acme.defaults();
        CronJob backup = get(objects, CronJob.class, "db-backup");
        CronJob restore = get(objects, CronJob.class, "db-restore");
        CronJob drill = get(objects, CronJob.class, "db-restore-drill");

        assertEquals("15 2 * * *", backup.getSpec().getSchedule());
        assertEquals("0 4 * * 0", drill.getSpec().getSchedule());
        assertTrue(restore.getSpec().getSuspend());
        assertFalse(backup.getSpec().getSuspend());
        for (CronJob job : List.of(backup, restore, drill)) {
            String name = job.getMetadata().getName();
            assertEquals("Forbid", job.getSpec().getConcurrencyPolicy(), name);
            assertTrue(job.getSpec().getStartingDeadlineSeconds() > 0, name);
            assertTrue(job.getSpec().getSuccessfulJobsHistoryLimit() > 0 && job.getSpec().getFailedJobsHistoryLimit() > 0, name);
            var jobSpec = job.getSpec().getJobTemplate().getSpec();
            assertTrue(jobSpec.getActiveDeadlineSeconds() > 0, name);
            assertTrue(jobSpec.getBackoffLimit() >= 0, name);
            assertTrue(List.of("OnFailure", "Never").contains(jobSpec.getTemplate().getSpec().getRestartPolicy()), name);
        }
        var dumpScript = backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getInitContainers().get(0).getCommand().get(2);
        assertTrue(dumpScript.contains("pg_dump --format=custom"), dumpScript);
        Container upload = backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        var uploadScript = upload.getCommand().get(2);
        assertTrue(uploadScript.contains("--min-age \"$BACKUP_RETENTION_DAYS\"d"), uploadScript);
        assertEquals("14", env(upload, "BACKUP_RETENTION_DAYS"));
        assertTrue(uploadScript.contains("rclone copy /backup \"$BACKUP_REMOTE\""), uploadScript);
        assertEquals("store:acme-backups/postgres", env(upload, "BACKUP_REMOTE"));
        var drillPod = drill.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        assertEquals(List.of("download", "scratch-postgres"), drillPod.getInitContainers().stream().map(Container::getName).toList());
        assertEquals("Always", drillPod.getInitContainers().get(1).getRestartPolicy());
        long maxAge = BackupJobs.maxBackupAge(AcmeSpec.db("1Gi").backup(), new ScheduleGaps()).toSeconds();
        assertTrue(drillPod.getInitContainers().get(0).getCommand().get(2).contains("--max-age \"$BACKUP_MAX_AGE_SECONDS\"s"));
        assertEquals(Long.toString(maxAge), env(drillPod.getInitContainers().get(0), "BACKUP_MAX_AGE_SECONDS"));
        for (CronJob job : List.of(backup, restore, drill)) {
            assertFalse(String.join(" ", podScripts(job)).contains("$("), "the kubelet expands $(...) in " + job.getMetadata().getName());
        }
    }

    @Test
    void thePrometheusRuleHasEveryRuleAndTheAppsPrometheusTheRulesOnItsOwnSeries() throws Exception {
        List<HasMetadata> objects = acme.defaults();
        GenericKubernetesResource rule = get(objects, GenericKubernetesResource.class, "acme");
        ConfigMap config = get(objects, ConfigMap.class, "metrics-config");

        ObjectMapper yaml = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        Map<?, ?> rulesFile = yaml.readValue(config.getData().get(PrometheusObjects.RULES_FILE), Map.class);
        ObjectMapper json = new ObjectMapper();
        // the app's own Prometheus scrapes only the components' metrics endpoints: it loads the rules on those
        // series, and the PrometheusRule (for the platform's Prometheus) has every rule
        List<String> ownAlerts = new ArrayList<>();
        json.valueToTree(rulesFile).get("groups").forEach(group -> group.get("rules").forEach(r -> ownAlerts.add(r.get("alert").asText())));
        assertEquals(List.of("TargetDown", "HighErrorRate", "HighLatency"), ownAlerts);
        List<String> alerts = new ArrayList<>();
        json.valueToTree(rule.get("spec")).get("groups").forEach(group -> group.get("rules").forEach(r -> {
            if (!alerts.contains(r.get("alert").asText())) {
                alerts.add(r.get("alert").asText());
            }
        }));
        assertTrue(alerts.containsAll(List.of("TargetDown", "HighErrorRate", "HighLatency", "FrequentRestarts",
                "BackupTooOld", "RestoreDrillTooOld", "CertificateExpiringSoon")), alerts.toString());
        String prometheusYml = config.getData().get(PrometheusObjects.CONFIG_FILE);
        assertTrue(prometheusYml.contains("regex: api;metrics"), prometheusYml);
        assertTrue(prometheusYml.contains("- role: endpointslice"), prometheusYml);
        StatefulSet prometheus = get(objects, StatefulSet.class, "metrics");
        assertEquals(64, prometheus.getSpec().getTemplate().getMetadata().getAnnotations().get(PrometheusObjects.CONFIG_CHECKSUM).length());
    }

    @Test
    void everyObjectOfAComponentIsNamedLikeItOrOneOfItsDerivedNames() {
        // the loader reserves Component.derivedNames() so that no other component collides with these objects
        for (Component component : acme.spec().defaults().components()) {
            List<String> allowed = new ArrayList<>(component.derivedNames());
            allowed.add(component.name());
            List<ObjectKey> objects = acme.origins().entrySet().stream()
                    .filter(e -> e.getValue().equals(component.location())).map(Map.Entry::getKey).toList();
            assertFalse(objects.isEmpty(), component.name());
            objects.forEach(key -> assertTrue(allowed.contains(key.name()), key + " of component " + component.name() + " is not in " + allowed));
        }
    }

    @Test
    void originsNameTheSpecElementOfEveryObject() {
        for (List<HasMetadata> objects : allViews(acme)) {
            for (HasMetadata object : objects) {
                assertTrue(acme.origins().containsKey(ObjectKey.of(object)), ObjectKey.of(object).toString());
            }
        }
        assertEquals(AcmeSpec.API, acme.origins().get(ObjectKey.of(get(acme.defaults(), Deployment.class, "api"))));
        assertEquals(AcmeSpec.DB, acme.origins().get(ObjectKey.of(get(acme.defaults(), CronJob.class, "db-restore-drill"))));
        assertEquals(AcmeSpec.DB_CREDENTIALS, acme.origins().get(ObjectKey.of(get(acme.defaults(), GenericKubernetesResource.class, "db-credentials"))));
        assertEquals(AcmeSpec.APP, acme.origins().get(ObjectKey.of(get(acme.defaults(), NetworkPolicy.class, "default-deny"))));
    }

    @Test
    void theSameSpecBuildsTheSameBytes() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ApplicationModel again = new ModelBuilder().build(AcmeSpec.spec());

        assertEquals(json.writeValueAsString(acme.defaults()), json.writeValueAsString(again.defaults()));
        assertEquals(json.writeValueAsString(acme.environments()), json.writeValueAsString(again.environments()));
    }

    @Test
    void twoObjectsWithOneNameAreRefused() {
        ApplicationSpec spec = AcmeSpec.spec(app -> {
            List<dev.shipshape.spec.Component> components = new ArrayList<>(app.components());
            WebComponent ui = (WebComponent) app.component("ui").orElseThrow();
            components.add(new WebComponent("db-backup", ui.pod(), ui.ports(), List.of(), ui.probes(), ui.resources(), 1, null,
                    null, List.of(), List.of(), List.of(), List.of(), AcmeSpec.at(100, 5)));
            return new Application(app.name(), app.version(), app.description(), app.environment(), app.tls(),
                    app.ingress(), app.monitoring(), app.secrets(), components, app.location());
        });

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> builder.build(spec));
        assertTrue(error.getMessage().contains("db-backup"), error.getMessage());
    }

    private static void assertRecommendedLabels(String what, Map<String, String> labels) {
        for (String label : List.of(Labels.NAME, Labels.INSTANCE, Labels.VERSION, Labels.COMPONENT, Labels.PART_OF, Labels.MANAGED_BY)) {
            assertTrue(labels.containsKey(label), what + " lacks " + label);
        }
        assertEquals("acme", labels.get(Labels.INSTANCE), what);
        assertEquals("shipshape", labels.get(Labels.MANAGED_BY), what);
    }

    private static List<List<HasMetadata>> allViews(ApplicationModel model) {
        List<List<HasMetadata>> views = new ArrayList<>();
        views.add(model.defaults());
        views.addAll(model.environments().values());
        return views;
    }

    private static Map<String, Container> containers(List<HasMetadata> objects) {
        return objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d.getSpec().getTemplate().getSpec().getContainers().get(0)));
    }

    private static List<String> podScripts(CronJob job) {
        var pod = job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        List<Container> containers = new ArrayList<>(pod.getInitContainers());
        containers.addAll(pod.getContainers());
        return containers.stream().filter(c -> c.getCommand() != null).flatMap(c -> c.getCommand().stream()).toList();
    }

    private static List<String> ingress(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream().map(r -> peers(r.getFrom()) + ":" + ports(r.getPorts())).toList();
    }

    private static List<String> egress(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream().map(r -> peers(r.getTo()) + ":" + ports(r.getPorts())).toList();
    }

    private static String peers(List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer> peers) {
        return peers.stream().map(p -> {
            if (p.getIpBlock() != null) {
                return "ip:" + p.getIpBlock().getCidr();
            }
            if (p.getNamespaceSelector() != null) {
                return "ns:" + p.getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name");
            }
            return "pods:" + p.getPodSelector().getMatchLabels().get(Labels.NAME);
        }).collect(Collectors.joining("+"));
    }

    private static String ports(List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort> ports) {
        return ports.stream().map(p -> Integer.toString(p.getPort().getIntVal())).collect(Collectors.joining(","));
    }

    /** The literal value of a container's environment variable. */
    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }
}
