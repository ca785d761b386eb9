package dev.shipshape.kind.prometheus;

import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.NetworkPolicies;
import dev.shipshape.spec.ImageReferences;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code prometheus} kind: the application's own Prometheus server ({@link PrometheusObjects}),
 * a StatefulSet that scrapes every component with a metrics endpoint through Kubernetes service
 * discovery and loads the application's alerting rules.
 */
public final class PrometheusKind implements ComponentKind<PrometheusComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "prometheus";
    /** The default Prometheus image, pinned. */
    static final String DEFAULT_IMAGE = "quay.io/prometheus/prometheus:v3.1.0";
    /** The default PersistentVolumeClaim size (bytes, Kubernetes quantity). */
    static final String DEFAULT_STORAGE = "10Gi";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<PrometheusComponent> componentClass() {
        return PrometheusComponent.class;
    }

    @Override
    public PrometheusComponent bind(ComponentNode node) {
        return new PrometheusComponent(
                node.name(),
                ImageReferences.parse(node.text("image", DEFAULT_IMAGE)),
                node.integer("port", PrometheusComponent.CONTAINER_PORT),
                node.text("retention", "15d"),
                node.text("storage", DEFAULT_STORAGE),
                node.text("scrapeInterval", "30s"),
                node.resources("200m", "512Mi"),
                node.texts("alertmanagers").stream().map(URI::create).toList(),
                node.egress(),
                node.location());
    }

    /**
     * Its objects, and its NetworkPolicy: egress to every metrics port, to the API server (service
     * discovery), to its Alertmanagers' ports in any namespace of the cluster, and to its declared
     * {@code egress} (an Alertmanager or a remote_write receiver outside the cluster).
     */
    @Override
    public void contribute(PrometheusComponent prometheus, KindContext context) {
        PrometheusObjects objects = new PrometheusObjects(context);
        context.add(prometheus.location(), objects.objects(prometheus));
        NetworkPolicies policies = context.networkPolicies();
        List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule> egress = new ArrayList<>(policies.toMetricsEndpoints());
        egress.add(NetworkPolicies.toApiServer());
        prometheus.alertmanagers().stream().map(PrometheusComponent::port).distinct()
                .forEach(port -> egress.add(NetworkPolicies.egress(List.of(NetworkPolicies.anyNamespace()), port)));
        context.add(prometheus.location(), policies.workload(prometheus, List.of(), egress));
    }

    @Override
    public RunbookFacts runbook(PrometheusComponent prometheus) {
        return new RunbookFacts("StatefulSet `" + prometheus.name() + "`, " + prometheus.storage() + " volume", "1 replica", null,
                "`" + prometheus.name() + "` (Prometheus): up to " + prometheus.retention() + " of metrics on a " + prometheus.storage()
                        + " volume; after a rebuild the history starts empty.");
    }
}
