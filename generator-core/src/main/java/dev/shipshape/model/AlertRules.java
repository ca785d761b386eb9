package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.PostgresComponent;
import dev.shipshape.spec.PrometheusComponent;
import dev.shipshape.spec.WebComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The application's alerting rules, produced once as data and rendered both into the
 * PrometheusRule (for a platform Prometheus Operator) and into the rules file of the application's
 * own Prometheus, so the two never disagree. Groups: availability ({@code up}, kube-state-metrics
 * replica counts), HTTP error rate and latency (the {@code http_requests_total} and
 * {@code http_request_duration_seconds} conventions of Prometheus client libraries), restarts,
 * backup and drill age ({@code kube_cronjob_status_last_successful_time}) and certificate expiry
 * (cert-manager's {@code certmanager_certificate_expiration_timestamp_seconds}).
 */
final class AlertRules {

    /**
     * One alerting rule (prometheus.io/docs/prometheus/latest/configuration/alerting_rules).
     *
     * @param alert       alert name
     * @param expr        PromQL expression; the alert fires for every series it returns
     * @param forDuration how long the expression must hold, Prometheus duration syntax, or {@code null} to fire at once
     * @param severity    {@code critical} (page) or {@code warning} (ticket)
     * @param component   the component it concerns (a label, so one alert name serves every component)
     * @param summary     one line for humans
     */
    record Rule(String alert, String expr, String forDuration, String severity, String component, String summary) {

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

    /**
     * A named group of rules, evaluated together.
     *
     * @param name  unique in the application
     * @param rules at least one rule
     */
    record Group(String name, List<Rule> rules) {

        /** The group as a rules file writes it. */
        Map<String, Object> toMap() {
            return OrderedMap.builder()
                    .put("name", name)
                    .put("rules", rules.stream().map(Rule::toMap).toList())
                    .build();
        }
    }

    /** Share of 5xx responses above which a component alerts. */
    static final double ERROR_RATIO = 0.05;
    /** 99th percentile latency, seconds, above which a component alerts. */
    static final double LATENCY_P99_SECONDS = 1.0;
    /** Container restarts in 15 minutes above which a component alerts. */
    static final int RESTARTS = 2;
    /** Days before a certificate's expiry at which renewal is considered failing (cert-manager renews 30 days ahead). */
    static final int CERTIFICATE_DAYS = 14;

    private final Application app;
    private final ScheduleGaps gaps;
    private final List<Map<String, Object>> rendered;

    /**
     * @param app  one view of the application
     * @param gaps the schedule gaps of this model build, for the backup and drill age rules
     */
    AlertRules(Application app, ScheduleGaps gaps) {
        this.app = app;
        this.gaps = gaps;
        this.rendered = groups().stream().map(Group::toMap).toList();
    }

    /** The non-empty rule groups, in a fixed order. */
    private List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        addGroup(groups, "availability", availability());
        addGroup(groups, "http", http());
        addGroup(groups, "restarts", restarts());
        addGroup(groups, "backups", backups());
        addGroup(groups, "certificates", certificates());
        return groups;
    }

    /** The PrometheusRule {@code <app>} holding every group, for a platform Prometheus Operator. */
    HasMetadata prometheusRule(Metadata metadata, Map<String, String> labels) {
        return CustomResource.PROMETHEUS_RULE.build(metadata.of(app.name(), labels), Map.of("groups", render()));
    }

    /** The {@code groups} list of a rules file or a PrometheusRule spec, rendered once per view. */
    List<Map<String, Object>> render() {
        return rendered;
    }

    private void addGroup(List<Group> groups, String name, List<Rule> rules) {
        if (!rules.isEmpty()) {
            groups.add(new Group(app.name() + "-" + name, rules));
        }
    }

    private List<Rule> availability() {
        List<Rule> rules = new ArrayList<>();
        for (Component component : app.components()) {
            if (component instanceof WebComponent web) {
                if (web.metrics() != null) {
                    rules.add(new Rule("TargetDown", "up" + select("job", web.name()) + " == 0", "5m", "critical",
                            web.name(), web.name() + " has a metrics target that is down"));
                }
                rules.add(new Rule("WorkloadUnavailable",
                        "kube_deployment_status_replicas_available" + select("deployment", web.name()) + " == 0",
                        "5m", "critical", web.name(), web.name() + " has no available replica"));
            } else if (isStatefulSet(component)) {
                rules.add(new Rule("WorkloadUnavailable",
                        "kube_statefulset_status_replicas_ready" + select("statefulset", component.name()) + " == 0",
                        "5m", "critical", component.name(), component.name() + " has no ready replica"));
            }
        }
        return rules;
    }

    private List<Rule> http() {
        List<Rule> rules = new ArrayList<>();
        for (Component component : app.components()) {
            if (component instanceof WebComponent web && web.metrics() != null) {
                String job = select("job", web.name());
                String errors = "http_requests_total{namespace=\"" + app.namespace() + "\", job=\"" + web.name()
                        + "\", code=~\"5..\"}";
                rules.add(new Rule("HighErrorRate",
                        "sum(rate(" + errors + "[5m])) / sum(rate(http_requests_total" + job + "[5m])) > " + ERROR_RATIO,
                        "10m", "warning", web.name(),
                        web.name() + " answers more than " + percent(ERROR_RATIO) + " of requests with 5xx"));
                rules.add(new Rule("HighLatency",
                        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket" + job
                                + "[5m]))) > " + LATENCY_P99_SECONDS,
                        "10m", "warning", web.name(),
                        web.name() + " 99th percentile latency is above " + LATENCY_P99_SECONDS + " s"));
            }
        }
        return rules;
    }

    private List<Rule> restarts() {
        List<Rule> rules = new ArrayList<>();
        for (Component component : app.components()) {
            if (component instanceof WebComponent || isStatefulSet(component)) {
                rules.add(new Rule("FrequentRestarts",
                        "increase(kube_pod_container_status_restarts_total" + select("container", component.name())
                                + "[15m]) > " + RESTARTS,
                        null, "warning", component.name(),
                        component.name() + " restarted more than " + RESTARTS + " times in 15 minutes"));
            }
        }
        return rules;
    }

    private List<Rule> backups() {
        List<Rule> rules = new ArrayList<>();
        for (Component component : app.components()) {
            if (component instanceof PostgresComponent db && db.backup() != null) {
                rules.add(tooOld("BackupTooOld", db.name() + "-backup", BackupJobs.maxBackupAge(db.backup(), gaps), db,
                        "the newest successful backup of " + db.name()));
                rules.add(tooOld("RestoreDrillTooOld", BackupJobs.drillName(db), BackupJobs.maxDrillAge(db.backup(), gaps), db,
                        "the newest successful restore drill of " + db.name()));
                rules.add(jobFailed("BackupFailed", db.name() + "-backup", db, "a backup of " + db.name() + " failed"));
                rules.add(jobFailed("RestoreDrillFailed", BackupJobs.drillName(db), db,
                        "a restore drill of " + db.name() + " failed: the newest backup may not restore"));
            }
        }
        return rules;
    }

    private Rule tooOld(String alert, String cronJob, Duration maxAge, PostgresComponent db, String what) {
        return new Rule(alert, "time() - kube_cronjob_status_last_successful_time" + select("cronjob", cronJob) + " > "
                + maxAge.toSeconds(), null, "critical", db.name(), what + " is older than " + maxAge.toHours() + " hours");
    }

    private Rule jobFailed(String alert, String cronJob, PostgresComponent db, String summary) {
        return new Rule(alert, "kube_job_status_failed{namespace=\"" + app.namespace() + "\", job_name=~\"" + cronJob
                + "-[0-9]+\"} > 0", null, "critical", db.name(), summary);
    }

    private List<Rule> certificates() {
        List<Rule> rules = new ArrayList<>();
        for (Component component : app.components()) {
            if (component instanceof WebComponent web && web.route() != null) {
                String name = select("name", PublicRoutes.tlsName(web));
                rules.add(new Rule("CertificateExpiringSoon",
                        "certmanager_certificate_expiration_timestamp_seconds" + name + " - time() < "
                                + Duration.ofDays(CERTIFICATE_DAYS).toSeconds(),
                        "1h", "warning", web.name(),
                        "the certificate of " + web.route().host() + " expires in less than " + CERTIFICATE_DAYS
                                + " days and has not been renewed"));
                rules.add(new Rule("CertificateNotReady",
                        "certmanager_certificate_ready_status{namespace=\"" + app.namespace() + "\", name=\""
                                + PublicRoutes.tlsName(web) + "\", condition=\"False\"} == 1",
                        "1h", "warning", web.name(), "the certificate of " + web.route().host() + " is not ready"));
            }
        }
        return rules;
    }

    private static boolean isStatefulSet(Component component) {
        return component instanceof PrometheusComponent
                || component instanceof PostgresComponent db && db.inCluster();
    }

    private String select(String label, String value) {
        return "{namespace=\"" + app.namespace() + "\", " + label + "=\"" + value + "\"}";
    }

    private static String percent(double ratio) {
        return Math.round(ratio * 100) + "%";
    }
}
