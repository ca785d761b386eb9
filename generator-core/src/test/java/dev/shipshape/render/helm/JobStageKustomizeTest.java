package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.JobStages;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.spec.RepositoryRoot;
import dev.shipshape.testing.Kubectl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Flux jobs stage of a real Kustomize build: {@code kubectl kustomize <app>/kustomize/jobs/<env>}
 * yields exactly the objects of {@code overlays/<env>} except the workloads that wait for the jobs
 * (specs/todoozle.yaml: the todoozle Deployment), field for field, the Job among them.
 */
class JobStageKustomizeTest {

    @Test
    void theJobsStageIsTheOverlayWithoutTheWaitingWorkloads(@TempDir Path temp) throws Exception {
        ApplicationModel model = Charts.model(RepositoryRoot.path().resolve("specs/todoozle.yaml"));
        Path output = temp.resolve("output");
        Charts.write(model, output);
        for (String env : model.environments().keySet()) {
            JobStages stages = JobStages.of(model.spec().environments().get(env), model.environments().get(env)).orElseThrow();
            Path jobs = output.resolve(model.layout().main().jobs(env));
            assertTrue(Files.isDirectory(jobs), jobs.toString());
            SortedMap<ObjectKey, JsonNode> overlay = new TreeMap<>(Charts.withoutHelmLabels(
                    Kubectl.kustomize(output.resolve(model.layout().overlay(env)))));
            SortedMap<ObjectKey, JsonNode> stage = Charts.withoutHelmLabels(Kubectl.kustomize(jobs));
            assertFalse(stages.heldBack().isEmpty());
            stages.heldBack().forEach(held -> assertTrue(overlay.remove(held) != null, env + ": the overlay has " + held));
            assertEquals(overlay, stage, env);
            assertTrue(stage.keySet().containsAll(stages.jobs()), env + ": the stage applies the Job");
        }
    }
}
