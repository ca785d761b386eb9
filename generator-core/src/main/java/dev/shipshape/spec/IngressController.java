package dev.shipshape.spec;

/**
 * The cluster's ingress controller.
 *
 * @param className the IngressClass name
 * @param namespace the namespace its pods run in (admitted by the NetworkPolicies)
 */
public record IngressController(String className, String namespace) {
}
