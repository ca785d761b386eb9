package dev.shipshape.kind.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ModelBuilder;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.spec.Workload;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The objects, alerts and runbook facts of the job kind, on specs/todoozle.yaml and small variants. */
class JobKindTest {

    private static final String SHOP = """
            monitoring:
              namespace: monitoring
            secrets:
              db: { existing: shop-db }
            components:
              web:
                type: web
                image: ghcr.io/example/shop:%1$s
                port: 8080
                uses: [db]
              migrate:
                type: job
                image: ghcr.io/example/shop:%1$s
                command: [python, manage.py]
                args: [migrate]
                before: [web]
                env:
                  DATABASE_HOST: ${db.host}
                uses: [db]
              db:
                type: postgres
                version: "16"
                database: shop
                credentials: db
                storage: 1Gi
                backup:
                  schedule: "0 3 * * *"
                  destination: s3://shop-backups/postgres
                  credentials: db
            """;

    @TempDir
    Path dir;

    private ApplicationModel shop(String version) throws Exception {
        return InlineSpec.application("shop").model(dir, SHOP.formatted(version));
    }

    private static List<Job> jobs(List<HasMetadata> objects) {
        return objects.stream().filter(Job.class::isInstance).map(Job.class::cast).toList();
    }

    @Test
    void aJobRunsItsCommandOnceWithDefaultRetriesAndDeadlineNamedByItsPodTemplate() throws Exception {
        ApplicationModel model = shop("1.0.0");
        Job job = jobs(model.defaults()).get(0);
        assertTrue(job.getMetadata().getName().matches("migrate-[0-9a-f]{8}"), job.getMetadata().getName());
        assertEquals(JobObjects.jobName("migrate", job.getSpec().getTemplate()), job.getMetadata().getName());
        assertEquals(3, job.getSpec().getBackoffLimit());
        assertEquals(600L, job.getSpec().getActiveDeadlineSeconds());
        assertNull(job.getSpec().getTtlSecondsAfterFinished(), "kept until the next version's Job replaces it (Flux prunes it)");
        assertEquals("migrate", job.getMetadata().getLabels().get("app.kubernetes.io/name"));
        var pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy());
        assertEquals("migrate", pod.getServiceAccountName());
        Container container = pod.getContainers().get(0);
        assertEquals(List.of("python", "manage.py"), container.getCommand());
        assertEquals(List.of("migrate"), container.getArgs());
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertTrue(container.getEnv().stream().anyMatch(e -> e.getName().equals("DATABASE_HOST") && e.getValue().equals("db")));
        assertTrue(model.defaults().stream().anyMatch(o -> o instanceof ServiceAccount && o.getMetadata().getName().equals("migrate")));
        NetworkPolicy policy = model.defaults().stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
                .filter(p -> p.getMetadata().getName().equals("migrate")).findFirst().orElseThrow();
        assertEquals(List.of(), policy.getSpec().getIngress());
        assertEquals(5432, policy.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal());
    }

    @Test
    void aNewImageIsANewJobAndAnUnchangedSpecTheSameJob() throws Exception {
        String first = jobs(shop("1.0.0").defaults()).get(0).getMetadata().getName();
        assertEquals(first, jobs(shop("1.0.0").defaults()).get(0).getMetadata().getName(), "deterministic");
        assertNotEquals(first, jobs(shop("1.1.0").defaults()).get(0).getMetadata().getName(),
                "a Job's pod template is immutable: a new image must be a new Job");
    }

    @Test
    void aFailedJobAlertsAndTheRunbookSaysHowToRerunIt() throws Exception {
        ApplicationModel model = shop("1.0.0");
        String rules = new ObjectMapper().writeValueAsString(model.defaults().stream()
                .filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow());
        assertTrue(rules.contains("kube_job_status_failed{namespace=\\\"shop\\\", job_name=~\\\"migrate-[0-9a-f]{8}\\\"} > 0"), rules);
        assertTrue(rules.contains("JobFailed"), rules);
        JobComponent component = (JobComponent) model.spec().defaults().component("migrate").orElseThrow();
        assertEquals(List.of("web"), component.before());
        assertEquals(new Workload(Workload.JOB, "migrate", null), component.workload().orElseThrow());
        assertEquals("delete job -l app.kubernetes.io/name=migrate", component.workload().orElseThrow().stopCommand());
        String scaling = new JobKind().runbook(component).scaling();
        assertTrue(scaling.contains("kubectl delete job -l app.kubernetes.io/name=migrate"), scaling);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fluxAppliesTheJobsStageFirstAndTheApplicationDependsOnIt() throws Exception {
        ApplicationModel todoozle = todoozle();
        for (var delivery : todoozle.deliveries()) {
            String env = delivery.cluster().environment();
            String job = jobs(todoozle.environments().get(env)).get(0).getMetadata().getName();
            List<String> names = delivery.entry().stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
            assertEquals(List.of("GitRepository/todoozle", "Kustomization/todoozle-jobs", "Kustomization/todoozle"), names);
            var jobsSpec = (Map<String, Object>) delivery.entry().get(1).getAdditionalProperties().get("spec");
            assertEquals("./output/todoozle/kustomize/jobs/" + env, jobsSpec.get("path"));
            assertEquals(List.of(Map.of("apiVersion", "batch/v1", "kind", "Job", "name", job, "namespace", "todoozle")),
                    jobsSpec.get("healthChecks"), "the stage waits for the migration only");
            assertEquals(true, jobsSpec.get("force"), "a Job whose immutable template changed is recreated");
            assertEquals(true, jobsSpec.get("prune"));
            assertEquals("900s", jobsSpec.get("timeout"), "the job's 600 s deadline and Flux's 5 minutes");
            var appSpec = (Map<String, Object>) delivery.entry().get(2).getAdditionalProperties().get("spec");
            assertEquals(List.of(Map.of("name", "infra-controllers"), Map.of("name", "todoozle-jobs")), appSpec.get("dependsOn"));
            assertEquals(List.of(Map.of("name", "infra-controllers")), jobsSpec.get("dependsOn"),
                    "the jobs' stage applies the database's objects too: it waits for the platform layer");
            assertEquals("./output/todoozle/kustomize/overlays/" + env, appSpec.get("path"));
            assertTrue(((List<Map<String, Object>>) appSpec.get("healthChecks")).contains(
                    Map.of("apiVersion", "batch/v1", "kind", "Job", "name", job, "namespace", "todoozle")));
        }
        new StrictSchemas().assertValid(todoozle.deliveries().stream().flatMap(d -> d.objects().stream()).toList());
    }

    @Test
    void theJobsStageIsTheOverlayWithoutTheWorkloadsThatWait() throws Exception {
        ApplicationModel todoozle = todoozle();
        var stages = dev.shipshape.model.JobStages.of(todoozle.spec().environments().get("production"),
                todoozle.environments().get("production")).orElseThrow();
        assertEquals(List.of(new dev.shipshape.model.ObjectKey("apps/v1", "Deployment", "todoozle", "todoozle")), stages.heldBack());
        assertEquals(600L, stages.deadlineSeconds());
        assertTrue(stages.jobs().get(0).name().startsWith("todoozle-migrate-"));
        assertTrue(dev.shipshape.model.JobStages.of(shop("1.0.0").spec().defaults(), shop("1.0.0").defaults()).isPresent());
    }

    private static ApplicationModel todoozle() throws Exception {
        return new ModelBuilder().build(new SpecLoader().load(RepositoryRoot.path().resolve("specs/todoozle.yaml")));
    }

    @Test
    void todoozlesMigrationAndEveryObjectOfItValidateAgainstTheStrictSchemas() throws Exception {
        ApplicationModel todoozle = todoozle();
        Job migrate = jobs(todoozle.defaults()).get(0);
        assertTrue(migrate.getMetadata().getName().startsWith("todoozle-migrate-"));
        assertEquals(List.of("flask"), migrate.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
        new StrictSchemas().assertValid(todoozle);
    }
}
