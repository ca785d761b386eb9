package dev.shipshape.model;

import java.util.Map;

/**
 * One alerting rule (prometheus.io/docs/prometheus/latest/configuration/alerting_rules) and the
 * group it is evaluated in.
 *
 * @param group       the group's short name ({@code availability}, {@code http}, {@code restarts},
 *                    {@code backups}, {@code certificates} or a kind's own); the rules file names it {@code <app>-<group>}
 * @param alert       alert name
 * @param expr        PromQL expression; the alert fires for every series it returns
 * @param forDuration how long the expression must hold, Prometheus duration syntax, or {@code null} to fire at once
 * @param severity    {@code critical} (page) or {@code warning} (ticket)
 * @param component   the component it concerns (a label, so one alert name serves every component)
 * @param summary     one line for humans
 * @param series      who exports the series it reads: the application's own metrics endpoints (the application's
 *                    Prometheus scrapes them too) or the platform (kube-state-metrics, cert-manager: only the
 *                    platform's Prometheus has them)
 * @param signal      the quantity the rule compares with its threshold ({@code expr} is {@code <signal> <op> <threshold>}),
 *                    which the application's dashboard plots; {@code null} for a rule that is no such comparison
 * @param threshold   the threshold, PromQL number, or {@code null} without a signal
 */
public record AlertRule(String group, String alert, String expr, String forDuration, String severity, String component,
                        String summary, Series series, String signal, String threshold) {

    /**
     * A rule that fires while {@code signal} compares with {@code threshold}: {@code expr} is
     * {@code <signal> <op> <threshold>}, so the alert and the dashboard panel of the signal read one expression.
     *
     * @param op a PromQL comparison operator ({@code >}, {@code <}, {@code ==})
     */
    public static AlertRule comparing(String group, String alert, String signal, String op, Object threshold, String forDuration,
                                      String severity, String component, String summary, Series series) {
        return new AlertRule(group, alert, signal + " " + op + " " + threshold, forDuration, severity, component, summary, series,
                signal, String.valueOf(threshold));
    }

    /** A rule with an expression of its own (no signal for a dashboard). */
    public AlertRule(String group, String alert, String expr, String forDuration, String severity, String component, String summary,
                     Series series) {
        this(group, alert, expr, forDuration, severity, component, summary, series, null, null);
    }

    /** Where an alert's series come from. */
    public enum Series {
        /** The application's metrics endpoints, which both the platform's and the application's Prometheus scrape. */
        APPLICATION,
        /** Platform exporters (kube-state-metrics, cert-manager), which only the platform's Prometheus scrapes. */
        PLATFORM
    }

    /** A rule on platform series (kube-state-metrics, cert-manager). */
    public AlertRule(String group, String alert, String expr, String forDuration, String severity, String component, String summary) {
        this(group, alert, expr, forDuration, severity, component, summary, Series.PLATFORM);
    }

    /** The rule as a Prometheus rules file and the PrometheusRule CRD write it. */
    Map<String, Object> toMap() {
        return OrderedMap.builder()
                .put("alert", alert)
                .put("expr", expr)
                .put("for", forDuration)
                .put("labels", OrderedMap.builder().put("severity", severity).put("component", component).build())
                .put("annotations", OrderedMap.builder().put("summary", summary).build())
                .build();
    }
}
