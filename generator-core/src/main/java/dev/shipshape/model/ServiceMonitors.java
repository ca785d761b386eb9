package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.MetricsEndpoint;
import java.util.Optional;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/**
 * A Prometheus Operator ServiceMonitor per component that exposes metrics, for the platform's
 * Prometheus: it selects the component's Service by {@code name} and {@code instance} in the
 * application's namespace and scrapes the named metrics port ({@code metrics} when separate,
 * else {@code http}) at the declared path.
 */
public final class ServiceMonitors {

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;

    public ServiceMonitors(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
    }

    /** The ServiceMonitor of a component with a metrics endpoint, or empty without one. */
    public Optional<HasMetadata> of(Component web) {
        return web.metricsEndpoint().map(metrics -> of(web, metrics));
    }

    private HasMetadata of(Component web, MetricsEndpoint metrics) {
        Map<String, Object> endpoint = OrderedMap.builder()
                .put("port", metrics.portName())
                .put("path", metrics.path())
                .put("scheme", "http")
                .build();
        Map<String, Object> spec = OrderedMap.builder()
                .put("selector", Map.of("matchLabels", labels.selector(web)))
                .put("namespaceSelector", Map.of("matchNames", List.of(app.namespace())))
                .put("endpoints", List.of(endpoint))
                .build();
        return CustomResource.SERVICE_MONITOR.build(metadata.of(web.name(), ModelBuilder.withMonitoringLabels(app, labels.component(web))), spec);
    }
}
