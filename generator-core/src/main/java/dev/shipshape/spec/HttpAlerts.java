package dev.shipshape.spec;

/**
 * The HTTP alerts of a metrics endpoint and the series they read. The defaults follow the naming
 * of the Prometheus client libraries ({@code http_requests_total} with a {@code code} label,
 * {@code http_request_duration_seconds}, prometheus.io/docs/practices/naming); frameworks that
 * name theirs otherwise (Micrometer's {@code http_server_requests_seconds} with {@code status},
 * django-prometheus, ASP.NET) set their own, and an alert a component cannot feed is switched off.
 *
 * @param errorRate the share of failed requests above which the component alerts, or {@code null} when switched off
 * @param latency   the request latency quantile above which the component alerts, or {@code null} when switched off
 */
public record HttpAlerts(ErrorRate errorRate, Latency latency) {

    /** The default requests counter. */
    public static final String REQUESTS = "http_requests_total";
    /** The default matcher of failed requests among them: a 5xx status code. */
    public static final String ERRORS = "code=~\"5..\"";
    /** The default share of failed requests above which a component alerts. */
    public static final double RATIO = 0.05;
    /** The default latency histogram's base name (its {@code _bucket} series are read). */
    public static final String HISTOGRAM = "http_request_duration_seconds";
    /** The default latency quantile. */
    public static final double QUANTILE = 0.99;
    /** The default latency, seconds, above which a component alerts. */
    public static final double SECONDS = 1.0;
    /** How long a condition must hold before either alert fires, by default (Prometheus duration). */
    public static final String FOR = "10m";

    /** Both alerts on the client libraries' default series. */
    public static final HttpAlerts DEFAULT = new HttpAlerts(new ErrorRate(REQUESTS, ERRORS, RATIO, FOR),
            new Latency(HISTOGRAM, QUANTILE, SECONDS, FOR));

    /**
     * The error-rate alert: {@code sum(rate(<requests>{<errors>}[5m])) / sum(rate(<requests>[5m])) > ratio}.
     *
     * @param requests    the counter of all requests
     * @param errors      label matchers, PromQL syntax, that select the failed requests among them
     * @param ratio       share of failed requests (0 to 1, exclusive of 0)
     * @param forDuration how long it must hold, Prometheus duration
     */
    public record ErrorRate(String requests, String errors, double ratio, String forDuration) {
    }

    /**
     * The latency alert: {@code histogram_quantile(quantile, sum by (le) (rate(<histogram>_bucket[5m]))) > seconds}.
     *
     * @param histogram   the histogram's base name, without {@code _bucket}
     * @param quantile    the quantile (0 to 1, exclusive)
     * @param seconds     latency above which it fires, seconds
     * @param forDuration how long it must hold, Prometheus duration
     */
    public record Latency(String histogram, double quantile, double seconds, String forDuration) {
    }
}
