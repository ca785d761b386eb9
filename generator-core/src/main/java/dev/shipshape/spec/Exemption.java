package dev.shipshape.spec;

/**
 * A policy rule switched off for one component (and optionally one container), with the reason
 * a reviewer reads. Suppressed findings stay in every report, counted apart.
 *
 * @param rule      the rule id, for example {@code read-only-root-filesystem}
 * @param component the component name
 * @param container the container name, or {@code null} for every container of the component
 * @param reason    why the exemption is safe; required, never blank
 * @param location  where the exemption is written
 */
public record Exemption(String rule, String component, String container, String reason, Location location) {
}
