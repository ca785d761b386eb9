package dev.shipshape.model.platform;

import dev.shipshape.spec.Location;

/**
 * A platform component the cluster already runs ({@code provided}): nothing is emitted for it.
 *
 * @param component the component
 * @param dependsOn the Flux Kustomization in {@code flux-system} that installs it, or {@code null} when it is installed outside Flux
 * @param field     the spec field that says so, e.g. {@code spec.platform.cert-manager}
 * @param location  where that field is
 */
public record ProvidedComponent(PlatformComponent component, String dependsOn, String field, Location location) {
}
