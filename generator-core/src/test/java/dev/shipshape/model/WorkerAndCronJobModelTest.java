package dev.shipshape.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.shipshape.model.ModelObjects.find;
import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The objects of the worker and cronjob kinds, on specs/tasklane.yaml and small variants. */
class WorkerAndCronJobModelTest {

    private static final Path TASKLANE = dev.shipshape.spec.RepositoryRoot.path().resolve("specs/tasklane.yaml");
    private final ApplicationModel tasklane = new ModelBuilder().build(load(TASKLANE));

    @TempDir
    Path dir;

    private static ApplicationSpec load(Path file) {
        try {
            return new SpecLoader().load(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private ApplicationModel build(String components) throws Exception {
        return InlineSpec.application("shop").model(dir, "components:\n" + components.indent(2));
    }

    @Test
    void aQueueWorkerIsADeploymentWithoutServiceScaledByKeda() {
        List<HasMetadata> objects = tasklane.environments().get("production");
        Deployment worker = get(objects, Deployment.class, "worker");
        assertNull(worker.getSpec().getReplicas(), "KEDA's HPA owns the replica count");
        assertEquals("RollingUpdate", worker.getSpec().getStrategy().getType());
        assertEquals("0", worker.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().toString().replaceAll("\\D", ""));
        assertEquals(300L, worker.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
        Container container = worker.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("celery"), container.getCommand());
        assertEquals("--app=tasklane", container.getArgs().get(0));
        assertEquals(List.of(), container.getPorts());
        assertEquals("sh", container.getLivenessProbe().getExec().getCommand().get(0));
        assertEquals(container.getLivenessProbe().getExec(), container.getStartupProbe().getExec());
        assertNull(container.getReadinessProbe());
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("DATABASE_HOST") && e.getValue().equals("db")));

        assertTrue(objects.stream().noneMatch(o -> o.getKind().equals("Service") && o.getMetadata().getName().equals("worker")));
        assertTrue(find(objects, HorizontalPodAutoscaler.class, "worker").isEmpty(), "no HPA next to a ScaledObject");
        GenericKubernetesResource scaledObject = objects.stream()
                .filter(o -> o.getKind().equals("ScaledObject")).map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) scaledObject.getAdditionalProperties().get("spec");
        assertEquals(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "worker"), spec.get("scaleTargetRef"));
        assertEquals(2, spec.get("minReplicaCount"));
        assertEquals(10, spec.get("maxReplicaCount"));
        List<Map<String, Object>> triggers = (List<Map<String, Object>>) spec.get("triggers");
        assertEquals("prometheus", triggers.get(0).get("type"));
        assertEquals("20", ((Map<String, String>) triggers.get(0).get("metadata")).get("threshold"));
        assertTrue(find(objects, PodDisruptionBudget.class, "worker").isPresent());
    }

    @Test
    void aWorkerNetworkPolicyAdmitsNothingAndReachesWhatItUsesAndDeclares() {
        NetworkPolicy policy = get(tasklane.defaults(), NetworkPolicy.class, "worker");
        assertEquals(List.of(), policy.getSpec().getIngress());
        assertEquals(2, policy.getSpec().getEgress().size(), "the database it uses and the SMTP relay it declares");
        assertEquals(5432, policy.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal());
        assertEquals(587, policy.getSpec().getEgress().get(1).getPorts().get(0).getPort().getIntVal());
        NetworkPolicy db = get(tasklane.defaults(), NetworkPolicy.class, "db");
        assertTrue(db.getSpec().getIngress().stream().anyMatch(rule -> rule.getFrom().stream()
                .anyMatch(peer -> "worker".equals(peer.getPodSelector().getMatchLabels().get(Labels.NAME)))), "db admits the worker");
    }

    @Test
    void aSingletonRecreatesOneReplicaWithoutBudgetOrAutoscaler() {
        List<HasMetadata> objects = tasklane.environments().get("production");
        Deployment beat = get(objects, Deployment.class, "beat");
        assertEquals(1, beat.getSpec().getReplicas());
        assertEquals("Recreate", beat.getSpec().getStrategy().getType());
        assertNull(beat.getSpec().getStrategy().getRollingUpdate());
        assertTrue(find(objects, PodDisruptionBudget.class, "beat").isEmpty(), "a PDB on one pod either never blocks or blocks drains forever");
        assertTrue(find(objects, HorizontalPodAutoscaler.class, "beat").isEmpty());
        assertTrue(tasklane.exemptions().stream().anyMatch(e -> e.rule().equals("min-replicas") && e.object().name().equals("beat")));
    }

    @Test
    void aWorkerOnCpuGetsAnHpaAndProbesOnASidePort() throws Exception {
        ApplicationModel model = build("""
                worker:
                  type: worker
                  image: ghcr.io/example/shop:1.0.0
                  probes:
                    liveness: {http: {path: /healthz, port: 8081}}
                    readiness: {tcp: {port: 8081}}
                  autoscaling: {maxReplicas: 5}
                """);
        Deployment worker = get(model.defaults(), Deployment.class, "worker");
        Container container = worker.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(1, container.getPorts().size());
        assertEquals("probe-8081", container.getPorts().get(0).getName());
        assertEquals("/healthz", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals("probe-8081", container.getReadinessProbe().getTcpSocket().getPort().getStrVal());
        assertNull(worker.getSpec().getReplicas());
        HorizontalPodAutoscaler hpa = get(model.defaults(), HorizontalPodAutoscaler.class, "worker");
        assertEquals(2, hpa.getSpec().getMinReplicas());
        assertEquals(5, hpa.getSpec().getMaxReplicas());
        assertTrue(model.defaults().stream().noneMatch(o -> o.getKind().equals("ScaledObject")));
    }

    @Test
    void aWorkerThatMayScaleToZeroIsUnavailableOnlyWhenReplicasAreWanted() {
        String staging = rules(tasklane.environments().get("staging"));
        assertTrue(staging.contains("kube_deployment_status_replicas_available{namespace=\\\"tasklane\\\", deployment=\\\"worker\\\"} == 0"
                + " and on (namespace, deployment) kube_deployment_spec_replicas"), staging);
        String production = rules(tasklane.environments().get("production"));
        assertFalse(production.contains("kube_deployment_spec_replicas"), "minReplicas 2 in production: no replica is always wrong");
    }

    @Test
    void aCronJobRunsTheImageOnItsScheduleWithTheBackupJobsHygiene() {
        CronJob report = get(tasklane.defaults(), CronJob.class, "nightly-report");
        assertEquals("15 6 * * *", report.getSpec().getSchedule());
        assertEquals("Europe/Berlin", report.getSpec().getTimeZone());
        assertEquals("Forbid", report.getSpec().getConcurrencyPolicy());
        assertEquals(600L, report.getSpec().getStartingDeadlineSeconds());
        assertEquals(3, report.getSpec().getSuccessfulJobsHistoryLimit());
        assertEquals(3, report.getSpec().getFailedJobsHistoryLimit());
        assertFalse(report.getSpec().getSuspend());
        var job = report.getSpec().getJobTemplate().getSpec();
        assertEquals(1800L, job.getActiveDeadlineSeconds());
        assertEquals(2, job.getBackoffLimit());
        assertEquals("Never", job.getTemplate().getSpec().getRestartPolicy());
        assertEquals("nightly-report", job.getTemplate().getSpec().getServiceAccountName());
        Container container = job.getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("python", "manage.py"), container.getCommand());
        assertEquals(List.of("send_daily_digest"), container.getArgs());
        assertTrue(find(tasklane.defaults(), ServiceAccount.class, "nightly-report").isPresent());
        assertTrue(get(tasklane.environments().get("staging"), CronJob.class, "nightly-report").getSpec().getSuspend());
        assertEquals(List.of(), get(tasklane.defaults(), NetworkPolicy.class, "nightly-report").getSpec().getIngress());
    }

    @Test
    void aCronJobAlertsOnAFailedRunAndOnMissedRuns() {
        String rules = rules(tasklane.defaults());
        assertTrue(rules.contains("CronJobFailed"), rules);
        assertTrue(rules.contains("(kube_cronjob_status_last_schedule_time{namespace=\\\"tasklane\\\", cronjob=\\\"nightly-report\\\"}"
                + " > kube_cronjob_status_last_successful_time{namespace=\\\"tasklane\\\", cronjob=\\\"nightly-report\\\"}) and (time() - "), rules);
        // a daily schedule: 24 h gap + 1800 s deadline + 1 h grace
        assertTrue(rules.contains("time() - kube_cronjob_status_last_successful_time{namespace=\\\"tasklane\\\", cronjob=\\\"nightly-report\\\"} > "
                + (24 * 3600 + 1800 + 3600)), rules);
        assertFalse(rules.contains("kube_deployment_status_replicas_available{namespace=\\\"tasklane\\\", deployment=\\\"nightly-report\\\"}"));
        assertFalse(rules(tasklane.environments().get("staging")).contains("CronJobMissed"), "a suspended CronJob misses nothing");
    }

    @Test
    void everyWorkerAndCronJobObjectValidatesAgainstTheStrictSchemas() {
        new StrictSchemas().assertValid(tasklane);
        assertTrue(Stream.concat(Stream.of(tasklane.defaults()), tasklane.environments().values().stream()).flatMap(List::stream)
                .anyMatch(o -> o.getKind().equals("ScaledObject")));
    }

    private static String rules(List<HasMetadata> objects) {
        try {
            return new ObjectMapper().writeValueAsString(objects.stream().filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
