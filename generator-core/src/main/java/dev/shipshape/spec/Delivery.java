package dev.shipshape.spec;

/**
 * The Git repository Flux reconciles from: where the generated output is committed.
 *
 * @param repository Git URL (https or ssh)
 * @param branch     branch to follow
 * @param path       the output directory's path inside the repository, without leading {@code ./}
 * @param interval   reconcile interval, Go duration syntax (for example {@code 5m})
 */
public record Delivery(String repository, String branch, String path, String interval) {
}
