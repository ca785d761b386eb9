package dev.shipshape.spec;

/**
 * The Gateway API Gateway that public routes attach to ({@code spec.gateway}), instead of an
 * Ingress controller: either the application's own Gateway, which shipshape emits, or an
 * existing shared one (gateway-api.sigs.k8s.io/concepts/api-overview, "Roles and personas": the
 * cluster operator owns a shared Gateway, the application developer its routes).
 *
 * @param className          the GatewayClass of the application's own Gateway, or {@code null} for a shared Gateway
 * @param name               the Gateway's name: the application's name for its own Gateway
 * @param namespace          the Gateway's namespace: the application's namespace for its own Gateway
 * @param sectionName        the shared Gateway's listener the routes attach to, or {@code null} (every listener that admits them);
 *                           always {@code null} for the application's own Gateway, whose listeners shipshape names
 * @param dataPlaneNamespace the namespace of the Gateway's proxy pods, which the NetworkPolicies admit
 * @param location           where {@code spec.gateway} is written (in this view)
 */
public record Gateway(String className, String name, String namespace, String sectionName, String dataPlaneNamespace, Location location) {

    /**
     * Envoy Gateway's namespace, where it runs the proxies of every Gateway by default (its deployment
     * type {@code ControllerNamespace}, gateway.envoyproxy.io/docs/tasks/operations/deployment-mode).
     */
    public static final String ENVOY_GATEWAY_NAMESPACE = "envoy-gateway-system";

    /** Whether shipshape emits this Gateway (the application's own), rather than attaching to a shared one. */
    public boolean owned() {
        return className != null;
    }
}
