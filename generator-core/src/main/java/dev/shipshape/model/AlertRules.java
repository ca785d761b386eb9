package dev.shipshape.model;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import dev.shipshape.spec.Workload;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The application's alerting rules, produced once as data and rendered both into the
 * PrometheusRule (for a platform Prometheus Operator) and into the rules file of the application's
 * own Prometheus, so the two never disagree. The shared groups come from what every component
 * states: availability ({@code up} of metrics targets, kube-state-metrics replica counts of its
 * workload), restarts, and certificate expiry of its routes and of the certificates its pods serve
 * TLS with (cert-manager's {@code certmanager_certificate_expiration_timestamp_seconds}); each kind
 * adds its own groups (a web component's HTTP error rate and latency, a database's backup age).
 */
public final class AlertRules {

    /** The groups in the order the rules file lists them; a kind's other groups follow, by name. */
    private static final List<String> GROUP_ORDER = List.of("availability", "http", "restarts", "backups", "certificates");
    /** Container restarts in 15 minutes above which a component alerts. */
    public static final int RESTARTS = 2;
    /** Days before a certificate's expiry at which renewal is considered failing (cert-manager renews 30 days ahead). */
    public static final int CERTIFICATE_DAYS = 14;

    private final Application app;
    private final ScheduleGaps gaps;
    private final List<AlertRule> rules;
    private final List<Map<String, Object>> rendered;
    private final List<Map<String, Object>> renderedApplicationSeries;

    /**
     * @param app   one view of the application
     * @param gaps  the schedule gaps of this model build, for the kinds' schedule-age rules
     * @param kinds the kinds that add their own rules
     */
    public AlertRules(Application app, ScheduleGaps gaps, ComponentKinds kinds) {
        this.app = app;
        this.gaps = gaps;
        Map<String, List<AlertRule>> groups = groups(kinds);
        this.rules = groups.values().stream().flatMap(List::stream).toList();
        this.rendered = render(groups);
        Map<String, List<AlertRule>> application = new LinkedHashMap<>();
        groups.forEach((group, rules) -> {
            List<AlertRule> own = rules.stream().filter(rule -> rule.series() == AlertRule.Series.APPLICATION).toList();
            if (!own.isEmpty()) {
                application.put(group, own);
            }
        });
        this.renderedApplicationSeries = render(application);
    }

    /** Every rule of this view, group by group in the order they were added. */
    public List<AlertRule> rules() {
        return rules;
    }

    /** The schedule gaps of this model build. */
    public ScheduleGaps gaps() {
        return gaps;
    }

    /** A PromQL selector of the application's namespace and one label: {@code {namespace="<app>", <label>="<value>"}}. */
    public String select(String label, String value) {
        return select(label, value, null);
    }

    /**
     * {@link #select(String, String)} with further label matchers, PromQL syntax, for example
     * {@code code=~"5.."}: {@code {namespace="<app>", <label>="<value>", <matchers>}}.
     *
     * @param matchers comma-separated matchers, or {@code null} for none
     */
    public String select(String label, String value, String matchers) {
        return "{namespace=\"" + app.namespace() + "\", " + label + "=\"" + value + "\"" + (matchers == null ? "" : ", " + matchers) + "}";
    }

    /**
     * The newest successful run of a CronJob is older than {@code maxAge}: it failed, hung or was
     * not scheduled since (kube-state-metrics {@code kube_cronjob_status_last_successful_time}).
     *
     * @param what the subject of the summary, for example {@code the newest successful backup of db}
     */
    public AlertRule lastSuccessTooOld(String group, String alert, String cronJob, Duration maxAge, String severity,
                                       String component, String what) {
        return AlertRule.comparing(group, alert, "time() - kube_cronjob_status_last_successful_time" + select("cronjob", cronJob),
                ">", maxAge.toSeconds(), null, severity, component, what + " is older than " + maxAge.toHours() + " hours",
                AlertRule.Series.PLATFORM);
    }

    /**
     * The latest run of a CronJob did not succeed: it was scheduled after the last success and is
     * older than its deadline (kube-state-metrics {@code kube_cronjob_status_last_schedule_time} and
     * {@code _last_successful_time}). Unlike counting failed Jobs in the history, it clears with the
     * next success; it needs one success first (before it, kube-state-metrics has no success time).
     *
     * @param deadlineSeconds the run's {@code activeDeadlineSeconds}
     */
    public AlertRule latestRunFailed(String group, String alert, String cronJob, long deadlineSeconds, String severity,
                                     String component, String summary) {
        String select = select("cronjob", cronJob);
        String scheduled = "kube_cronjob_status_last_schedule_time" + select;
        return new AlertRule(group, alert, "(" + scheduled + " > kube_cronjob_status_last_successful_time" + select + ") and (time() - "
                + scheduled + " > " + deadlineSeconds + ")", null, severity, component, summary);
    }

    /**
     * A Job whose name matches {@code jobNamePattern} (a PromQL regular expression, anchored) failed
     * (kube-state-metrics {@code kube_job_status_failed}); it fires while the failed Job exists.
     */
    public AlertRule failedJobs(String group, String alert, String jobNamePattern, String severity, String component, String summary) {
        return new AlertRule(group, alert, "kube_job_status_failed{namespace=\"" + app.namespace() + "\", job_name=~\"" + jobNamePattern
                + "\"} > 0", null, severity, component, summary);
    }

    /** The application's namespace. */
    public String namespace() {
        return app.namespace();
    }

    /** The PrometheusRule {@code <app>} holding every group, for a platform Prometheus Operator. */
    HasMetadata prometheusRule(Metadata metadata, Map<String, String> labels) {
        return CustomResource.PROMETHEUS_RULE.build(metadata.of(app.name(), labels), Map.of("groups", render()));
    }

    /** The {@code groups} list of the PrometheusRule spec (every rule), rendered once per view. */
    public List<Map<String, Object>> render() {
        return rendered;
    }

    /**
     * The {@code groups} of the rules on the application's own series, for the application's
     * Prometheus: it scrapes only the components' metrics endpoints, so a rule on kube-state-metrics
     * or cert-manager series would never fire there.
     */
    public List<Map<String, Object>> renderApplicationSeries() {
        return renderedApplicationSeries;
    }

    /** Every rule by group name: the shared ones, then each component's kind's, in component order. */
    private Map<String, List<AlertRule>> groups(ComponentKinds kinds) {
        Map<String, List<AlertRule>> groups = new LinkedHashMap<>();
        for (Component component : app.components()) {
            availability(component).forEach(rule -> add(groups, rule));
        }
        for (Component component : app.components()) {
            restarts(component).forEach(rule -> add(groups, rule));
        }
        for (Component component : app.components()) {
            certificates(component).forEach(rule -> add(groups, rule));
        }
        for (Component component : app.components()) {
            kinds.alerts(component, this).forEach(rule -> add(groups, rule));
        }
        return groups;
    }

    private static void add(Map<String, List<AlertRule>> groups, AlertRule rule) {
        groups.computeIfAbsent(rule.group(), g -> new ArrayList<>()).add(rule);
    }

    /** The non-empty groups in {@link #GROUP_ORDER}, then the others by name, each named {@code <app>-<group>}. */
    private List<Map<String, Object>> render(Map<String, List<AlertRule>> groups) {
        Map<String, List<AlertRule>> ordered = new LinkedHashMap<>();
        GROUP_ORDER.stream().filter(groups::containsKey).forEach(g -> ordered.put(g, groups.get(g)));
        new TreeMap<>(groups).forEach(ordered::putIfAbsent);
        List<Map<String, Object>> rendered = new ArrayList<>();
        ordered.forEach((group, rules) -> rendered.add(OrderedMap.builder()
                .put("name", app.name() + "-" + group)
                .put("rules", rules.stream().map(AlertRule::toMap).toList())
                .build()));
        return List.copyOf(rendered);
    }

    private List<AlertRule> availability(Component component) {
        List<AlertRule> rules = new ArrayList<>();
        String name = component.name();
        component.metricsEndpoint().ifPresent(metrics -> rules.add(AlertRule.comparing("availability", "TargetDown",
                "up" + select("job", name), "==", 0, "5m", "critical", name, name + " has a metrics target that is down",
                AlertRule.Series.APPLICATION)));
        component.workload().ifPresent(workload -> {
            if (workload.kind().equals(Workload.DEPLOYMENT)) {
                AlertRule unavailable = AlertRule.comparing("availability", "WorkloadUnavailable", replicasSignal(workload), "==", 0,
                        "5m", "critical", name, name + " has no available replica", AlertRule.Series.PLATFORM);
                // an autoscaler that may scale to zero (KEDA) leaves no replica on purpose: alert only when some are wanted
                rules.add(Integer.valueOf(0).equals(workload.autoscalerMinReplicas())
                        ? new AlertRule(unavailable.group(), unavailable.alert(), unavailable.expr()
                                + " and on (namespace, deployment) kube_deployment_spec_replicas" + select("deployment", workload.name()) + " > 0",
                                unavailable.forDuration(), unavailable.severity(), name, unavailable.summary(), unavailable.series())
                        : unavailable);
            } else if (workload.kind().equals(Workload.STATEFUL_SET)) {
                rules.add(AlertRule.comparing("availability", "WorkloadUnavailable",
                        replicasSignal(workload), "==", 0, "5m", "critical", name, name + " has no ready replica", AlertRule.Series.PLATFORM));
            }
        });
        return rules;
    }

    /**
     * The replicas of a workload that serve (kube-state-metrics): a Deployment's available
     * replicas, a StatefulSet's ready ones; {@code null} for another kind.
     */
    public String replicasSignal(Workload workload) {
        if (workload.kind().equals(Workload.DEPLOYMENT)) {
            return "kube_deployment_status_replicas_available" + select("deployment", workload.name());
        }
        return workload.kind().equals(Workload.STATEFUL_SET) ? "kube_statefulset_status_replicas_ready" + select("statefulset", workload.name()) : null;
    }

    private List<AlertRule> restarts(Component component) {
        if (component.workload().isEmpty()) {
            return List.of();
        }
        return List.of(AlertRule.comparing("restarts", "FrequentRestarts",
                "increase(kube_pod_container_status_restarts_total" + select("container", component.name()) + "[15m])", ">", RESTARTS,
                null, "warning", component.name(),
                component.name() + " restarted more than " + RESTARTS + " times in 15 minutes", AlertRule.Series.PLATFORM));
    }

    /**
     * The series of one Certificate of the application. cert-manager exports them from its own pod,
     * so the scrape's {@code namespace} label is cert-manager's and the Certificate's namespace is
     * {@code exported_namespace} (Prometheus renames a clashing target label unless {@code honorLabels}).
     */
    private String certificateSelector(String certificate, String more) {
        return "{exported_namespace=\"" + app.namespace() + "\", name=\"" + certificate + "\"" + more + "}";
    }

    /**
     * The certificates a component depends on, each expiring within {@value #CERTIFICATE_DAYS} days
     * (renewal failed) or not ready: its routes' (none on a shared Gateway, whose certificates are the
     * platform's), then those its TLS ports serve from inside the pod ({@link PodCertificates}).
     */
    private List<AlertRule> certificates(Component component) {
        List<AlertRule> rules = new ArrayList<>();
        for (int i = 0; i < component.routes().size(); i++) {
            Route route = component.routes().get(i);
            GatewayRoutes.certificateName(app, component, i)
                    .ifPresent(certificate -> rules.addAll(certificate(component, certificate, "the certificate of " + route.host())));
        }
        for (ServedPort port : PodCertificates.tlsPorts(component)) {
            rules.addAll(certificate(component, PodCertificates.secretName(component.name(), port),
                    "the certificate " + component.name() + " serves on port " + port.name()));
        }
        return rules;
    }

    /** The two rules of one cert-manager Certificate; {@code what} is the subject of their summaries. */
    private List<AlertRule> certificate(Component component, String certificate, String what) {
        return List.of(AlertRule.comparing("certificates", "CertificateExpiringSoon",
                        "certmanager_certificate_expiration_timestamp_seconds" + certificateSelector(certificate, "") + " - time()", "<",
                        Duration.ofDays(CERTIFICATE_DAYS).toSeconds(),
                        "1h", "warning", component.name(),
                        what + " expires in less than " + CERTIFICATE_DAYS + " days and has not been renewed", AlertRule.Series.PLATFORM),
                new AlertRule("certificates", "CertificateNotReady",
                        "certmanager_certificate_ready_status" + certificateSelector(certificate, ", condition=\"False\"") + " == 1",
                        "1h", "warning", component.name(), what + " is not ready"));
    }
}
