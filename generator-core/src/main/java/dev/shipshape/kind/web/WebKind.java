package dev.shipshape.kind.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.KindContext;
import dev.shipshape.spec.Autoscaling;
import dev.shipshape.spec.ImageReferences;
import dev.shipshape.spec.Metrics;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.SpecChecks;

import java.util.List;

/**
 * The {@code web} kind: a stateless HTTP service (the seeds' UI and API) — a zero-downtime
 * Deployment ({@link WebWorkloads}) behind a ClusterIP Service, optionally autoscaled and published
 * on a public HTTPS route, with HTTP error-rate and latency alerts when it serves metrics.
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
    /** Share of 5xx responses above which a component alerts. */
    static final double ERROR_RATIO = 0.05;
    /** 99th percentile latency, seconds, above which a component alerts. */
    static final double LATENCY_P99_SECONDS = 1.0;

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
        int port = node.integer("port", 0);
        JsonNode route = node.path("route");
        JsonNode health = node.path("health");
        JsonNode scaling = node.path("autoscaling");
        Autoscaling autoscaling = node.present("autoscaling")
                ? new Autoscaling(ComponentNode.integer(scaling, "minReplicas", DEFAULT_REPLICAS),
                        ComponentNode.integer(scaling, "maxReplicas", DEFAULT_REPLICAS),
                        ComponentNode.integer(scaling, "targetCPUUtilization", DEFAULT_TARGET_CPU_UTILIZATION))
                : null;
        JsonNode metrics = node.path("metrics");
        return new WebComponent(
                node.name(),
                ImageReferences.parse(node.path("image").asText()),
                port,
                node.present("route")
                        ? new Route(route.path("host").asText(), ComponentNode.text(route, "path", "/"), ComponentNode.texts(route, "sourceRanges"))
                        : null,
                new Health(ComponentNode.text(health, "readiness", DEFAULT_HEALTH_PATH), ComponentNode.text(health, "liveness", DEFAULT_HEALTH_PATH)),
                node.resources("100m", "128Mi"),
                autoscaling != null ? autoscaling.minReplicas() : node.integer("replicas", DEFAULT_REPLICAS),
                autoscaling,
                node.present("metrics") ? new Metrics(ComponentNode.integer(metrics, "port", port), ComponentNode.text(metrics, "path", "/metrics")) : null,
                node.env(),
                node.texts("uses"),
                node.egress(),
                node.envFromSecrets(),
                node.location());
    }

    /** {@code maxReplicas} may not be below {@code minReplicas}. */
    @Override
    public void check(WebComponent web, SpecChecks checks) {
        Autoscaling scaling = web.autoscaling();
        if (scaling != null && scaling.maxReplicas() < scaling.minReplicas()) {
            checks.problem(SpecChecks.pointer(web) + "/autoscaling/maxReplicas",
                    "`maxReplicas` of `" + web.name() + "` is " + scaling.maxReplicas() + ", below `minReplicas` " + scaling.minReplicas() + ".",
                    "Set maxReplicas to at least " + scaling.minReplicas() + ", or lower minReplicas.");
        }
    }

    @Override
    public void contribute(WebComponent web, KindContext context) {
        WebWorkloads workloads = new WebWorkloads(context);
        context.add(web.location(), workloads.objects(web));
        context.add(web.location(), context.networkPolicies().workload(web, List.of(), List.of()));
    }

    /**
     * With metrics: error rate and p99 latency, on the {@code http_requests_total} and
     * {@code http_request_duration_seconds} conventions of Prometheus client libraries.
     */
    @Override
    public List<AlertRule> alerts(WebComponent web, AlertRules rules) {
        if (web.metrics() == null) {
            return List.of();
        }
        String job = rules.select("job", web.name());
        String errors = "http_requests_total{namespace=\"" + rules.namespace() + "\", job=\"" + web.name() + "\", code=~\"5..\"}";
        return List.of(
                new AlertRule("http", "HighErrorRate",
                        "sum(rate(" + errors + "[5m])) / sum(rate(http_requests_total" + job + "[5m])) > " + ERROR_RATIO,
                        "10m", "warning", web.name(),
                        web.name() + " answers more than " + Math.round(ERROR_RATIO * 100) + "% of requests with 5xx",
                        AlertRule.Series.APPLICATION),
                new AlertRule("http", "HighLatency",
                        "histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket" + job
                                + "[5m]))) > " + LATENCY_P99_SECONDS,
                        "10m", "warning", web.name(),
                        web.name() + " 99th percentile latency is above " + LATENCY_P99_SECONDS + " s", AlertRule.Series.APPLICATION));
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
