package dev.shipshape;

import dev.shipshape.output.WriteResult;

import java.util.List;

/**
 * What a successful {@link Shipshape#generateSummarized} run did.
 *
 * @param write        the files written, unchanged and deleted
 * @param applications one summary per application, sorted by name
 */
public record GenerateResult(WriteResult write, List<AppSummary> applications) {

    public GenerateResult {
        applications = List.copyOf(applications);
    }
}
