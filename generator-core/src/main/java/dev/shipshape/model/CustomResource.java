package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.Map;

/**
 * A custom resource kind shipshape emits as a fabric8 {@link GenericKubernetesResource}: its API
 * version and kind, fixed here once so no builder spells them itself.
 *
 * @param apiVersion group/version, for example {@code monitoring.coreos.com/v1}
 * @param kind       the kind, for example {@code ServiceMonitor}
 */
public record CustomResource(String apiVersion, String kind) {

    /** Prometheus Operator ServiceMonitor (prometheus-operator.dev API reference). */
    public static final CustomResource SERVICE_MONITOR = new CustomResource("monitoring.coreos.com/v1", "ServiceMonitor");
    /** Prometheus Operator PrometheusRule. */
    public static final CustomResource PROMETHEUS_RULE = new CustomResource("monitoring.coreos.com/v1", "PrometheusRule");
    /** cert-manager Certificate (cert-manager.io/v1). */
    public static final CustomResource CERTIFICATE = new CustomResource("cert-manager.io/v1", "Certificate");
    /** cert-manager namespaced Issuer (cert-manager.io/v1). */
    public static final CustomResource ISSUER = new CustomResource("cert-manager.io/v1", "Issuer");
    /** Gateway API Gateway (gateway.networking.k8s.io/v1, standard channel since Gateway API 1.0). */
    public static final CustomResource GATEWAY = new CustomResource("gateway.networking.k8s.io/v1", "Gateway");
    /** Gateway API HTTPRoute (gateway.networking.k8s.io/v1, standard channel since Gateway API 1.0). */
    public static final CustomResource HTTP_ROUTE = new CustomResource("gateway.networking.k8s.io/v1", "HTTPRoute");
    /** Gateway API GRPCRoute (gateway.networking.k8s.io/v1, standard channel since Gateway API 1.1). */
    public static final CustomResource GRPC_ROUTE = new CustomResource("gateway.networking.k8s.io/v1", "GRPCRoute");
    /** Gateway API BackendTLSPolicy (gateway.networking.k8s.io/v1, standard channel since Gateway API 1.4). */
    public static final CustomResource BACKEND_TLS_POLICY = new CustomResource("gateway.networking.k8s.io/v1", "BackendTLSPolicy");
    /** External Secrets Operator ExternalSecret (external-secrets.io/v1, ESO 0.17+). */
    public static final CustomResource EXTERNAL_SECRET = new CustomResource("external-secrets.io/v1", "ExternalSecret");

    /** KEDA ScaledObject (keda.sh/v1alpha1, keda.sh/docs/latest/reference/scaledobject-spec). */
    public static final CustomResource SCALED_OBJECT = new CustomResource("keda.sh/v1alpha1", "ScaledObject");

    /**
     * An object of this kind.
     *
     * @param metadata its metadata (name, namespace, labels)
     * @param spec     its {@code spec}, an ordered map (see {@link OrderedMap})
     */
    public GenericKubernetesResource build(ObjectMeta metadata, Map<String, Object> spec) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withMetadata(metadata)
                .addToAdditionalProperties("spec", spec)
                .build();
    }
}
