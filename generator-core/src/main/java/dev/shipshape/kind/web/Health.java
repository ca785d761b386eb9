package dev.shipshape.kind.web;

/**
 * HTTP endpoints the probes call on the component's port.
 *
 * @param readiness path of the readiness (and startup) probe
 * @param liveness  path of the liveness probe
 */
public record Health(String readiness, String liveness) {
}
