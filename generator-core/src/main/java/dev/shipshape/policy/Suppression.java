package dev.shipshape.policy;

import dev.shipshape.model.ObjectExemption;
import dev.shipshape.spec.Exemption;
import dev.shipshape.spec.Location;

import java.util.Objects;

/**
 * Why a finding is suppressed: an exemption written in the spec, or one the generator declares
 * on an object it emits on purpose ({@link ObjectExemption}). Suppressed findings stay in every
 * report, counted apart.
 *
 * @param source   who declared the exemption
 * @param reason   the reason a reviewer reads
 * @param location where the exemption is written (spec exemptions) or the spec element that produced the object
 *                 (generator exemptions); {@code null} when unknown
 */
public record Suppression(Source source, String reason, Location location) {

    /** Who declared an exemption. */
    public enum Source {
        /** {@code spec.exemptions} of the spec; SARIF suppression kind {@code inSource}. */
        SPEC,
        /** shipshape's model, for what it generates on purpose; SARIF suppression kind {@code external}. */
        GENERATOR
    }

    public Suppression {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
    }

    /** The suppression of a spec exemption. */
    public static Suppression of(Exemption exemption) {
        return new Suppression(Source.SPEC, exemption.reason(), exemption.location());
    }

    /** The suppression of a generator exemption on an object produced at {@code origin}. */
    public static Suppression of(ObjectExemption exemption, Location origin) {
        return new Suppression(Source.GENERATOR, exemption.reason(), origin);
    }

    /** The SARIF 2.1.0 suppression kind (§3.35.2): {@code inSource} or {@code external}. */
    public String sarifKind() {
        return source == Source.SPEC ? "inSource" : "external";
    }

    /** How text reports mark the finding: {@code suppressed: <reason>} or {@code suppressed by shipshape: <reason>}. */
    public String label() {
        return (source == Source.SPEC ? "suppressed: " : "suppressed by shipshape: ") + reason;
    }
}
