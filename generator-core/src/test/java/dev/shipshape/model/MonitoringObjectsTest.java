package dev.shipshape.model;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ServiceMonitors and the PrometheusRule need the Prometheus Operator's CRDs and a Prometheus that
 * selects them: they are emitted only with {@code spec.monitoring}, carrying its selector labels.
 */
class MonitoringObjectsTest {

    private static List<HasMetadata> objects(String spec) throws Exception {
        Compilation compilation = new Shipshape().compile(List.of(dev.shipshape.spec.RepositoryRoot.path().resolve("specs/" + spec)));
        return compilation.models().get(0).defaults();
    }

    @Test
    void withoutMonitoringNoOperatorObjectIsEmitted() throws Exception {
        List<HasMetadata> lofocats = objects("lofocats.yaml");
        assertFalse(lofocats.stream().anyMatch(o -> o.getKind().equals("PrometheusRule") || o.getKind().equals("ServiceMonitor")),
                "lofocats has no spec.monitoring: its CRDs may be missing on the cluster");
        assertTrue(lofocats.stream().anyMatch(o -> o.getKind().equals("ConfigMap") && o.getMetadata().getName().equals("metrics-config")),
                "the application's own Prometheus still loads the rules");
    }

    @Test
    void withMonitoringBothCarryTheSelectorLabels() throws Exception {
        List<HasMetadata> tasklane = objects("tasklane.yaml");
        List<HasMetadata> operatorObjects = tasklane.stream()
                .filter(o -> o.getKind().equals("PrometheusRule") || o.getKind().equals("ServiceMonitor")).toList();
        assertTrue(operatorObjects.stream().anyMatch(o -> o.getKind().equals("PrometheusRule")), operatorObjects.toString());
        assertTrue(operatorObjects.stream().anyMatch(o -> o.getKind().equals("ServiceMonitor")), operatorObjects.toString());
        operatorObjects.forEach(o -> assertEquals("kube-prometheus-stack", o.getMetadata().getLabels().get("release"), o.getMetadata().getName()));
    }
}
