package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.WebComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/**
 * A Prometheus Operator ServiceMonitor per component that exposes metrics, for the platform's
 * Prometheus: it selects the component's Service by {@code name} and {@code instance} in the
 * application's namespace and scrapes the named metrics port ({@code metrics} when separate,
 * else {@code http}) at the declared path.
 */
final class ServiceMonitors {

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;

    ServiceMonitors(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
    }

    /** The ServiceMonitor of a web component with metrics. */
    HasMetadata of(WebComponent web) {
        Map<String, Object> endpoint = OrderedMap.builder()
                .put("port", Ports.metricsPortName(web))
                .put("path", web.metrics().path())
                .put("scheme", "http")
                .build();
        Map<String, Object> spec = OrderedMap.builder()
                .put("selector", Map.of("matchLabels", labels.selector(web)))
                .put("namespaceSelector", Map.of("matchNames", List.of(app.namespace())))
                .put("endpoints", List.of(endpoint))
                .build();
        return CustomResource.SERVICE_MONITOR.build(metadata.of(web.name(), labels.component(web)), spec);
    }
}
