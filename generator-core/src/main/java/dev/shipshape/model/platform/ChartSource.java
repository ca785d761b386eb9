package dev.shipshape.model.platform;

/**
 * Where a platform component's Helm chart comes from, as a Flux source names it.
 *
 * @param oci   whether it is an OCI artifact (a Flux {@code OCIRepository} whose tag is the chart version)
 *              rather than a classic Helm repository (a Flux {@code HelmRepository} and a chart name)
 * @param url   the repository's URL: {@code https://...} for a Helm repository, {@code oci://...} naming the chart for OCI
 * @param chart the chart's name in a Helm repository; for OCI, the last segment of the URL
 */
public record ChartSource(boolean oci, String url, String chart) {

    /** A chart in a classic Helm repository ({@code index.yaml} at {@code url}). */
    static ChartSource helm(String url, String chart) {
        return new ChartSource(false, url, chart);
    }

    /** A chart published as an OCI artifact at {@code url} ({@code oci://registry/path/chart}). */
    static ChartSource oci(String url) {
        return new ChartSource(true, url, url.substring(url.lastIndexOf('/') + 1));
    }

    /** How a reader installs it by hand: {@code <repository> <chart>} or the OCI reference. */
    public String reference() {
        return oci ? url : url + " " + chart;
    }
}
