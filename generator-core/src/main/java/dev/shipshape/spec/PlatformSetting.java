package dev.shipshape.spec;

import java.util.Map;
import java.util.Objects;

/**
 * What a spec says about one platform component ({@code spec.platform.<component>} or
 * {@code spec.clusters[].platform.<component>}): the chart version and values to install it with,
 * or that the cluster's platform team runs it already.
 *
 * @param component the component's key, for example {@code cert-manager}
 * @param version   the chart version, or {@code null} for the catalogue's pinned one
 * @param values    Helm values deep-merged over the catalogue's (a map wins key by key, anything else replaces), sorted; never {@code null}
 * @param provided  set when the component is installed by someone else: nothing is emitted for it; or {@code null}
 * @param field     the field as a reader names it, for example {@code spec.clusters[1].platform.cert-manager}
 * @param location  where the entry is declared
 */
public record PlatformSetting(String component, String version, Map<String, Object> values, Provided provided, String field,
                              Location location) {

    public PlatformSetting {
        Objects.requireNonNull(component, "component");
        values = values == null ? Map.of() : values;
    }

    /**
     * A component the cluster already runs.
     *
     * @param dependsOn the Flux Kustomization in {@code flux-system} that installs it, which the application's Kustomizations
     *                  {@code dependsOn}; {@code null} when it is installed outside Flux (nothing to wait for)
     */
    public record Provided(String dependsOn) {
    }
}
