package dev.shipshape;

import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.PolicyReport;

import java.util.List;

/**
 * What a successful {@link Shipshape#generateSummarized} run did.
 *
 * @param write        the files written, unchanged and deleted
 * @param applications one summary per application, sorted by name
 * @param policy       the policy findings on every application (none fails at {@code failOn}), suppressed ones included
 */
public record GenerateResult(WriteResult write, List<AppSummary> applications, PolicyReport policy) {

    public GenerateResult {
        applications = List.copyOf(applications);
    }
}
