package dev.shipshape.kind.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.model.Workloads;
import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.ContainerSecurity;
import dev.shipshape.spec.HttpAlerts;
import dev.shipshape.spec.PodTemplate;
import dev.shipshape.spec.Metrics;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import dev.shipshape.spec.SpecChecks;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code web} kind: a stateless service (the seeds' UI and API, a gRPC service) — a zero-downtime
 * Deployment ({@link WebWorkloads}) behind a ClusterIP Service with named ports, optionally autoscaled,
 * published on public HTTPS routes and with ports exposed through LoadBalancer Services, with HTTP error-rate and latency alerts when it serves metrics.
 */
public final class WebKind implements ComponentKind<WebComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "web";
    /** Replica count without autoscaling: two, so one pod can drain while the other serves (Polaris, kube-score). */
    static final int DEFAULT_REPLICAS = 2;
    /** The autoscaling/v1 default CPU utilization target, percent. */
    static final int DEFAULT_TARGET_CPU_UTILIZATION = 80;
    /** The default health path (Kubernetes components' own convention). */
    static final String DEFAULT_HEALTH_PATH = "/healthz";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<WebComponent> componentClass() {
        return WebComponent.class;
    }

    @Override
    public WebComponent bind(ComponentNode node) {
        List<ServedPort> ports = node.present("ports") ? ServedPort.read(node.path("ports"), node.pointer() + "/ports")
                : List.of(ServedPort.shorthand(node.integer("port", 0), node.pointer() + "/port"));
        JsonNode scaling = node.path("autoscaling");
        Autoscaling autoscaling = node.present("autoscaling")
                ? new Autoscaling(ComponentNode.integer(scaling, "minReplicas", DEFAULT_REPLICAS),
                        ComponentNode.integer(scaling, "maxReplicas", DEFAULT_REPLICAS),
                        ComponentNode.integer(scaling, "targetCPUUtilization", DEFAULT_TARGET_CPU_UTILIZATION))
                : null;
        String firstHttp = ports.stream().filter(p -> p.protocol() == ServedPort.Protocol.HTTP).map(ServedPort::name).findFirst().orElse(null);
        PodTemplate pod = node.pod(ContainerSecurity.DEFAULT_USER);
        return new WebComponent(
                node.name(),
                pod,
                ports,
                Route.readAll(node.node(), firstHttp),
                probes(node, ports, firstHttp),
                node.resources("100m", "128Mi"),
                autoscaling != null ? autoscaling.minReplicas()
                        : node.integer("replicas", pod.singleWriterClaim().isPresent() ? 1 : DEFAULT_REPLICAS),
                autoscaling,
                node.present("metrics") ? metrics(node.path("metrics"), ports.get(0).port()) : null,
                node.env(),
                node.texts("uses"),
                node.egress(),
                node.envFromSecrets(),
                node.location());
    }

    /** The metrics endpoint, on {@code port} unless it names its own, and its HTTP alerts with the {@link HttpAlerts} defaults. */
    private static Metrics metrics(JsonNode metrics, int port) {
        JsonNode errors = metrics.path("alerts").path("errorRate");
        JsonNode latency = metrics.path("alerts").path("latency");
        return new Metrics(ComponentNode.integer(metrics, "port", port), ComponentNode.text(metrics, "path", "/metrics"), new HttpAlerts(
                enabled(errors) ? new HttpAlerts.ErrorRate(ComponentNode.text(errors, "requests", HttpAlerts.REQUESTS),
                        ComponentNode.text(errors, "errors", HttpAlerts.ERRORS), errors.path("ratio").asDouble(HttpAlerts.RATIO),
                        ComponentNode.text(errors, "for", HttpAlerts.FOR)) : null,
                enabled(latency) ? new HttpAlerts.Latency(ComponentNode.text(latency, "histogram", HttpAlerts.HISTOGRAM),
                        latency.path("quantile").asDouble(HttpAlerts.QUANTILE), latency.path("seconds").asDouble(HttpAlerts.SECONDS),
                        ComponentNode.text(latency, "for", HttpAlerts.FOR)) : null));
    }

    private static boolean enabled(JsonNode alert) {
        return alert.path("enabled").asBoolean(true);
    }

    /**
     * The declared probes, each one left out filled in: {@code health}'s paths (default
     * {@value #DEFAULT_HEALTH_PATH}) as HTTP GETs on the first http port, else on the first port by
     * what it speaks — an HTTP GET of {@value #DEFAULT_HEALTH_PATH}, a gRPC health check (a TCP
     * connect when the port serves TLS: the kubelet's gRPC probe speaks no TLS), a TCP connect;
     * none for a UDP port. An HTTP probe of a TLS port uses scheme HTTPS unless it writes one.
     * Startup repeats readiness (with its own timing).
     */
    private static ProbeSet probes(ComponentNode node, List<ServedPort> ports, String firstHttp) {
        ProbeSet declared = ProbeSet.read(node.path("probes"), node.pointer() + "/probes", ports);
        JsonNode health = node.path("health");
        ServedPort first = ports.get(0);
        Probe readiness;
        Probe liveness;
        if (node.present("health") || first.protocol() == ServedPort.Protocol.HTTP) {
            String port = firstHttp != null ? firstHttp : first.name();
            readiness = Probe.http(ComponentNode.text(health, "readiness", DEFAULT_HEALTH_PATH), port, null).overTlsOf(ports);
            liveness = Probe.http(ComponentNode.text(health, "liveness", DEFAULT_HEALTH_PATH), port, null).overTlsOf(ports);
        } else {
            readiness = switch (first.protocol()) {
                case GRPC -> first.servesTls() ? Probe.tcp(first.name(), null) : Probe.grpc(first.name(), "", null);
                case TCP -> Probe.tcp(first.name(), null);
                default -> null;
            };
            liveness = readiness;
        }
        readiness = declared.readiness() != null ? declared.readiness() : readiness;
        return new ProbeSet(readiness, declared.liveness() != null ? declared.liveness() : liveness,
                declared.startup() != null ? declared.startup() : readiness);
    }

    /**
     * {@code maxReplicas} may not be below {@code minReplicas}; port names and numbers are unique;
     * routes forward to a declared http or grpc port and set no annotation shipshape manages; excluded
     * paths lie under their route's path; probes connect to declared TCP ports; a latency histogram
     * is named without {@code _bucket}; a ReadWriteOnce volume means one pod, no autoscaling and no
     * rolling update.
     */
    @Override
    public void check(WebComponent web, SpecChecks checks) {
        checks.singlePod(web, web.replicas(), web.autoscaling() != null);
        Autoscaling scaling = web.autoscaling();
        if (scaling != null && scaling.maxReplicas() < scaling.minReplicas()) {
            checks.problem(SpecChecks.pointer(web) + "/autoscaling/maxReplicas",
                    "`maxReplicas` of `" + web.name() + "` is " + scaling.maxReplicas() + ", below `minReplicas` " + scaling.minReplicas() + ".",
                    "Set maxReplicas to at least " + scaling.minReplicas() + ", or lower minReplicas.");
        }
        WebChecks.ports(web, checks);
        WebChecks.routes(web, checks);
        WebChecks.probes(web, checks);
        HttpAlerts.Latency latency = web.metrics() == null ? null : web.metrics().alerts().latency();
        if (latency != null && latency.histogram().endsWith("_bucket")) {
            String base = latency.histogram().substring(0, latency.histogram().length() - "_bucket".length());
            checks.problem(SpecChecks.pointer(web) + "/metrics/alerts/latency/histogram",
                    "`histogram` of `" + web.name() + "` is the series `" + latency.histogram() + "`, but it names the histogram, whose `_bucket` series the alert reads.",
                    "Set histogram to `" + base + "`.");
        }
    }

    @Override
    public void contribute(WebComponent web, KindContext context) {
        WebWorkloads workloads = new WebWorkloads(context);
        List<HasMetadata> objects = workloads.objects(web);
        context.add(web.location(), objects);
        context.exempt(Workloads.onePodExemptions(web, objects.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow()));
        context.add(web.location(), context.networkPolicies().workload(web, ServicePorts.admitted(web.ports()), List.of()));
    }

    /**
     * With metrics: error rate and latency on the series its {@link HttpAlerts} name (by default the
     * {@code http_requests_total} and {@code http_request_duration_seconds} conventions of
     * Prometheus client libraries); none for an alert switched off.
     */
    @Override
    public List<AlertRule> alerts(WebComponent web, AlertRules rules) {
        if (web.metrics() == null) {
            return List.of();
        }
        String job = rules.select("job", web.name());
        HttpAlerts alerts = web.metrics().alerts();
        List<AlertRule> rulesOfWeb = new ArrayList<>();
        HttpAlerts.ErrorRate errors = alerts.errorRate();
        if (errors != null) {
            String failed = errors.requests() + rules.select("job", web.name(), errors.errors());
            rulesOfWeb.add(AlertRule.comparing("http", "HighErrorRate",
                    "sum(rate(" + failed + "[5m])) / " + requestRate(web, rules), ">", errors.ratio(),
                    errors.forDuration(), "warning", web.name(),
                    web.name() + " fails more than " + percent(errors.ratio()) + " of requests (" + errors.errors() + ")",
                    AlertRule.Series.APPLICATION));
        }
        HttpAlerts.Latency latency = alerts.latency();
        if (latency != null) {
            rulesOfWeb.add(AlertRule.comparing("http", "HighLatency",
                    "histogram_quantile(" + latency.quantile() + ", sum by (le) (rate(" + latency.histogram() + "_bucket" + job
                            + "[5m])))", ">", latency.seconds(),
                    latency.forDuration(), "warning", web.name(),
                    web.name() + " " + percentile(latency.quantile()) + " percentile latency is above " + latency.seconds() + " s",
                    AlertRule.Series.APPLICATION));
        }
        return rulesOfWeb;
    }

    /**
     * A web component's requests per second, {@code sum(rate(<requests>{job}[5m]))}, on the error-rate
     * alert's counter (the denominator of its ratio); {@code null} without metrics or with that alert off.
     */
    public static String requestRate(WebComponent web, AlertRules rules) {
        if (web.metrics() == null || web.metrics().alerts().errorRate() == null) {
            return null;
        }
        return "sum(rate(" + web.metrics().alerts().errorRate().requests() + rules.select("job", web.name()) + "[5m]))";
    }

    /** {@code 0.05} as {@code 5%}, {@code 0.005} as {@code 0.5%}. */
    private static String percent(double ratio) {
        return BigDecimal.valueOf(ratio).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** {@code 0.99} as {@code 99th}, {@code 0.5} as {@code 50th}, {@code 0.999} as {@code 99.9th}. */
    private static String percentile(double quantile) {
        return BigDecimal.valueOf(quantile).movePointRight(2).stripTrailingZeros().toPlainString() + "th";
    }

    @Override
    public RunbookFacts runbook(WebComponent web) {
        return RunbookFacts.stateless("Deployment `" + web.name() + "`", scaling(web));
    }

    private static String scaling(WebComponent web) {
        if (web.autoscaling() == null) {
            return web.replicas() + (web.replicas() == 1 ? " replica" : " replicas");
        }
        return "HPA " + web.autoscaling().minReplicas() + " to " + web.autoscaling().maxReplicas() + " replicas at "
                + web.autoscaling().targetCPUUtilization() + "% CPU";
    }
}
