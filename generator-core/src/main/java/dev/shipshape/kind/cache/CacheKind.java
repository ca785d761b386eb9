package dev.shipshape.kind.cache;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.KindContext;
import dev.shipshape.spec.ImageReferences;
import dev.shipshape.spec.SecretKeyReference;
import dev.shipshape.spec.SpecChecks;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;

/**
 * The {@code cache} kind: Redis or Valkey, in the cluster ({@link CacheObjects}: a one-replica
 * StatefulSet, memory-only or with an append-only file on a volume, behind a ClusterIP Service and
 * a NetworkPolicy that admits only the components that {@code uses} it) or a managed server
 * outside it (ElastiCache, Memorystore). Replication and Sentinel are not built: one server, and
 * its availability alert. A memory alert needs a metrics exporter, which the kind does not run.
 */
public final class CacheKind implements ComponentKind<CacheComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "cache";
    /** Redis's own default: at the cap, writes fail and nothing is evicted (safe for queues). */
    static final String DEFAULT_POLICY = "noeviction";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<CacheComponent> componentClass() {
        return CacheComponent.class;
    }

    @Override
    public CacheComponent bind(ComponentNode node) {
        CacheComponent.Engine engine = CacheComponent.Engine.of(node.text("engine", "redis"));
        JsonNode persistence = node.path("persistence");
        JsonNode password = node.path("password");
        JsonNode external = node.path("external");
        return new CacheComponent(
                node.name(),
                engine,
                node.present("external") ? null : ImageReferences.parse(node.text("image", engine.image(node.text("version", null)))),
                node.present("persistence")
                        ? new CacheComponent.Persistence(ComponentNode.text(persistence, "size", "1Gi"), ComponentNode.text(persistence, "storageClass", null))
                        : null,
                node.present("password") ? new SecretKeyReference(password.path("secret").asText(), ComponentNode.text(password, "key", "password")) : null,
                node.text("maxmemory", null),
                node.text("maxmemoryPolicy", DEFAULT_POLICY),
                node.resources("100m", "256Mi"),
                node.present("external")
                        ? new CacheComponent.External(external.path("host").asText(),
                                ComponentNode.integer(external, "port", CacheComponent.DEFAULT_PORT),
                                external.path("tls").asBoolean(false), ComponentNode.text(external, "cidr", null))
                        : null,
                node.location());
    }

    /** The password's secret must be declared and hold its key; {@code maxmemory} must fit in the memory limit. */
    @Override
    public void check(CacheComponent cache, SpecChecks checks) {
        String at = SpecChecks.pointer(cache);
        if (cache.password() != null) {
            checks.secretWithKeys(cache.password().secret(), at + "/password/secret", "The password of cache `" + cache.name() + "`",
                    List.of(cache.password().key()));
        }
        if (cache.inCluster() && cache.maxmemory() != null
                && bytes(cache.maxmemory()) > bytes(cache.resources().memoryLimit())) {
            checks.problem(at + "/maxmemory",
                    "`maxmemory` of cache `" + cache.name() + "` is " + cache.maxmemory() + ", above its memory limit "
                            + cache.resources().memoryLimit() + ": the server would be OOM-killed before it evicts or refuses writes.",
                    "Lower maxmemory, or raise resources.memoryLimit (leave room for the server's own overhead).");
        }
    }

    /** Bytes of a Kubernetes quantity. */
    static long bytes(String quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity)).longValue();
    }

    /** In the cluster: its objects and NetworkPolicy; outside: nothing (users get an egress rule to its address block). */
    @Override
    public void contribute(CacheComponent cache, KindContext context) {
        if (!cache.inCluster()) {
            return;
        }
        context.add(cache.location(), new CacheObjects(context).objects(cache));
        context.add(cache.location(), context.networkPolicies().workload(cache, List.of(), List.of()));
    }

    /**
     * An in-cluster cache near its memory limit: the container's working set (cAdvisor
     * {@code container_memory_working_set_bytes}, what the kubelet's OOM decisions read) above
     * {@value #MEMORY_ALERT_RATIO} of its limit (kube-state-metrics
     * {@code kube_pod_container_resource_limits}) for 15 minutes — before the kernel kills it or, with
     * {@code noeviction}, writes fail. None for an external cache (its provider alerts).
     */
    @Override
    public List<AlertRule> alerts(CacheComponent cache, AlertRules rules) {
        if (!cache.inCluster()) {
            return List.of();
        }
        String container = rules.select("container", cache.name());
        String resource = rules.select("container", cache.name(), "resource=\"memory\"");
        return List.of(new AlertRule("cache", "CacheMemoryNearLimit",
                "max by (pod) (container_memory_working_set_bytes" + container + ") / max by (pod) (kube_pod_container_resource_limits"
                        + resource + ") > " + MEMORY_ALERT_RATIO,
                "15m", "warning", cache.name(),
                cache.name() + " uses more than " + Math.round(MEMORY_ALERT_RATIO * 100) + "% of its memory limit"));
    }

    /** The share of its memory limit above which a cache alerts. */
    static final double MEMORY_ALERT_RATIO = 0.9;

    @Override
    public RunbookFacts runbook(CacheComponent cache) {
        String server = cache.engine() == CacheComponent.Engine.REDIS ? "Redis" : "Valkey";
        if (!cache.inCluster()) {
            return new RunbookFacts("managed " + server + " `" + cache.external().host() + "` outside the cluster", "managed by its provider",
                    null, "`" + cache.name() + "` (" + server + ", managed): its provider's snapshots, if enabled, are the only copy of its keys.");
        }
        if (cache.persistence() == null) {
            return new RunbookFacts("StatefulSet `" + cache.name() + "`, memory only", "1 replica (no replication)", null,
                    "`" + cache.name() + "` (" + server + "): every key lives in memory only; a restart of pod `" + cache.name()
                            + "-0` (a rollout, a node drain, an OOM kill) empties it, so it must hold nothing the application cannot rebuild.");
        }
        return new RunbookFacts("StatefulSet `" + cache.name() + "`, " + cache.persistence().size() + " volume", "1 replica (no replication)", null,
                "`" + cache.name() + "` (" + server + "): keys are written to an append-only file on volume `data-" + cache.name()
                        + "-0` and reloaded after a restart; no backup copies the volume. To restore, restore the volume from a"
                        + " snapshot of your storage provider and delete pod `" + cache.name()
                        + "-0` in the application's namespace so it reloads the file; losing the volume loses the keys.");
    }
}
