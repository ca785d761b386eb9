package dev.shipshape.render.docs;

import java.util.List;

/**
 * What each cluster needs before the application: what its folder's platform layer installs
 * ({@link dev.shipshape.model.platform.ClusterPlatform}) and what the cluster must already offer.
 *
 * @param installs one row per cluster and installed component
 * @param expects  one row per cluster and thing the output does not install
 */
record PrerequisitesSection(List<InstalledRow> installs, List<ExpectedRow> expects) {

    /** Whether the expected table has rows. */
    boolean hasExpects() {
        return !expects.isEmpty();
    }

    /** Whether the installed table has rows. */
    boolean hasInstalls() {
        return !installs.isEmpty();
    }

    /**
     * A component the platform layer installs.
     *
     * @param cluster   cluster name
     * @param component the component's key
     * @param chart     the chart's repository and name, or its OCI reference
     * @param version   the pinned chart version
     * @param namespace where it runs
     */
    record InstalledRow(String cluster, String component, String chart, String version, String namespace) {
    }

    /**
     * Something the cluster must offer.
     *
     * @param cluster cluster name
     * @param what    what it is, in Markdown
     * @param readyBy the Flux Kustomization the application waits for, or how it is known to be there
     */
    record ExpectedRow(String cluster, String what, String readyBy) {
    }
}
