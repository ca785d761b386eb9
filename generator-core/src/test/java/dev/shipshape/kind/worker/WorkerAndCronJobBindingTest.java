package dev.shipshape.kind.worker;

import dev.shipshape.kind.cronjob.CronJobComponent;
import dev.shipshape.model.CronJobs;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.Workload;
import dev.shipshape.testing.InlineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the loader binds for worker and cronjob entries, defaults included. */
class WorkerAndCronJobBindingTest {

    @TempDir
    Path dir;

    private Application load(String components) throws Exception {
        return InlineSpec.application("shop").load(dir, "components:\n" + components.indent(2)).defaults();
    }

    @Test
    void aBareWorkerRunsTwoReplicasOfItsImageWithoutProbes() throws Exception {
        WorkerComponent worker = (WorkerComponent) load("""
                worker:
                  type: worker
                  image: ghcr.io/example/shop:1.0.0
                """).component("worker").orElseThrow();
        assertEquals(2, worker.replicas());
        assertNull(worker.autoscaling());
        assertNull(worker.queueScaling());
        assertFalse(worker.singleton());
        assertEquals(ProbeSet.NONE, worker.probes());
        assertEquals(List.of(), worker.pod().process().command());
        assertEquals(List.of(), worker.pod().process().args());
        assertEquals(30, worker.terminationGracePeriodSeconds());
        assertEquals("256Mi", worker.resources().memory());
        assertTrue(worker.endpoint().isEmpty());
        assertEquals(new Workload(Workload.DEPLOYMENT, "worker", null, false), worker.workload().orElseThrow());
    }

    @Test
    void aSingletonDefaultsToOneReplica() throws Exception {
        WorkerComponent beat = (WorkerComponent) load("""
                beat:
                  type: worker
                  image: ghcr.io/example/shop:1.0.0
                  singleton: true
                  probes:
                    liveness: {exec: {command: [test, -f, /tmp/alive]}}
                    readiness: {http: {port: 8081}}
                """).component("beat").orElseThrow();
        assertEquals(1, beat.replicas());
        assertEquals(Probe.exec(List.of("test", "-f", "/tmp/alive"), "/spec/components/beat/probes/liveness"), beat.probes().liveness());
        assertEquals(Probe.http(Probe.DEFAULT_HTTP_PATH, "8081", "/spec/components/beat/probes/readiness"), beat.probes().readiness());
        assertEquals(8081, beat.probes().readiness().portNumber().orElseThrow());
    }

    @Test
    void triggersSelectKedaWithItsDefaults() throws Exception {
        WorkerComponent worker = (WorkerComponent) load("""
                worker:
                  type: worker
                  image: ghcr.io/example/shop:1.0.0
                  autoscaling:
                    maxReplicas: 8
                    triggers:
                      - type: rabbitmq
                        metadata: {queueName: jobs, mode: QueueLength, value: "50", hostFromEnv: AMQP_URL}
                  env:
                    AMQP_URL: amqp://broker.example.com:5672
                """).component("worker").orElseThrow();
        assertNull(worker.autoscaling());
        WorkerComponent.QueueScaling queue = worker.queueScaling();
        assertEquals(1, queue.minReplicas());
        assertEquals(8, queue.maxReplicas());
        assertEquals(30, queue.pollingInterval());
        assertEquals(300, queue.cooldownPeriod());
        assertEquals("rabbitmq", queue.triggers().get(0).type());
        assertEquals(List.of("queueName", "mode", "value", "hostFromEnv"), List.copyOf(queue.triggers().get(0).metadata().keySet()));
        assertEquals(new Workload(Workload.DEPLOYMENT, "worker", 1, true), worker.workload().orElseThrow());
        assertTrue(worker.autoscaled());
    }

    @Test
    void aCronJobHasTheHygieneDefaults() throws Exception {
        CronJobComponent report = (CronJobComponent) load("""
                report:
                  type: cronjob
                  image: ghcr.io/example/shop:1.0.0
                  schedule: "0 3 * * *"
                """).component("report").orElseThrow();
        assertEquals(new CronJobs.Settings("0 3 * * *", "Etc/UTC", false, "Forbid", 600, 2, 3600, 3, 3), report.settings());
        assertEquals(Workload.CRON_JOB, report.workload().orElseThrow().kind());
        assertEquals("patch cronjob/report --type=merge --patch '{\"spec\":{\"suspend\":true}}'", report.workload().orElseThrow().stopCommand());
        assertTrue(report.workload().orElseThrow().resumeCommand().isEmpty(), "reapplying restores the spec's suspend");
    }
}
