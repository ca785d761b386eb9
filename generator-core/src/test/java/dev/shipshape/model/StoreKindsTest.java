package dev.shipshape.model;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.kind.cache.CacheComponent;
import dev.shipshape.kind.stateful.StatefulComponent;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.shipshape.model.ModelObjects.find;
import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The objects of the {@code cache} and {@code stateful} kinds, from specs through the loader and the model builder. */
class StoreKindsTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();
    private static final SpecLoader LOADER = new SpecLoader();

    @TempDir
    Path dir;

    private static final InlineSpec SEARCH = InlineSpec.application("search").existingSecret("search-auth", "search-auth");

    private static final String CLUSTERED = """
            components:
              api:
                type: web
                image: ghcr.io/example/api:1.0.0
                port: 8080
                env:
                  SEARCH_URL: ${store.url}
                  SESSIONS_URL: ${sessions.url}
                  MANAGED_URL: ${managed.url}
                uses: [store, sessions, managed]
              store:
                type: stateful
                image: docker.io/library/elasticsearch:8.15.3
                replicas: 3
                port: 9200
                scheme: http
                ports:
                  transport: {port: 9300}
                  gossip: {port: 7946, protocol: udp}
                securityContext: {runAsUser: 1000, fsGroup: 2000}
                volumes:
                  data: {mountPath: /usr/share/elasticsearch/data, size: 50Gi, storageClass: fast}
                writablePaths: [/tmp, /usr/share/elasticsearch/logs]
                env:
                  ELASTIC_PASSWORD: {secret: search-auth, key: password}
                probes:
                  readiness:
                    exec: {command: [sh, -c, "curl -fs localhost:9200/_cluster/health"]}
                backup:
                  schedule: "0 3 * * *"
                  image: docker.io/curlimages/curl:8.10.1
                  command: [sh, -c, "curl -fsX PUT http://$STORE_HOST:$STORE_PORT/_snapshot/s3/nightly"]
              sessions:
                type: cache
                engine: valkey
                persistence: {size: 2Gi}
                resources: {memory: 1Gi}
              managed:
                type: cache
                external: {host: cache.abc123.euw1.cache.amazonaws.com, tls: true, cidr: 10.20.0.0/16}
            """;

    private ApplicationModel plausible() throws Exception {
        return new ModelBuilder().build(LOADER.load(dev.shipshape.spec.RepositoryRoot.path().resolve("specs/plausible.yaml")));
    }

    @Test
    void everyObjectValidatesAgainstTheStrictSchemas() throws Exception {
        for (ApplicationModel model : List.of(plausible(), SEARCH.model(dir, CLUSTERED))) {
            SCHEMAS.assertValid(model);
        }
    }

    @Test
    void aClickHouseStoreRunsAsItsUserWithItsPortsConfigAndRetainedVolume() throws Exception {
        List<HasMetadata> objects = plausible().defaults();
        StatefulSet events = get(objects, StatefulSet.class, "events");
        var spec = events.getSpec();
        assertEquals(1, spec.getReplicas());
        assertEquals("OrderedReady", spec.getPodManagementPolicy());
        assertEquals("events-headless", spec.getServiceName());
        assertEquals("Retain", spec.getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());
        assertEquals("Retain", spec.getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
        assertEquals("20Gi", spec.getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage").toString());
        var pod = spec.getTemplate().getSpec();
        assertEquals(101L, pod.getSecurityContext().getRunAsUser());
        assertEquals(101L, pod.getSecurityContext().getFsGroup());
        Container container = pod.getContainers().get(0);
        assertTrue(container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(List.of("main:8123/TCP", "native:9000/TCP"),
                container.getPorts().stream().map(p -> p.getName() + ":" + p.getContainerPort() + "/" + p.getProtocol()).toList());
        assertEquals("/ping", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("main", container.getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("native", container.getLivenessProbe().getTcpSocket().getPort().getStrVal());
        assertEquals(60, container.getStartupProbe().getFailureThreshold());
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/etc/clickhouse-server/config.d/logs.xml")
                && "etc_clickhouse-server_config.d_logs.xml".equals(m.getSubPath()) && m.getReadOnly()));
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/var/log/clickhouse-server")));

        ConfigMap config = get(objects, ConfigMap.class, "events-config");
        assertTrue(config.getData().get("etc_clickhouse-server_config.d_logs.xml").contains("<level>warning</level>"));
        assertEquals(ConfigChecksum.of(config.getData()), spec.getTemplate().getMetadata().getAnnotations().get(ConfigChecksum.ANNOTATION),
                "a config change rolls the pods");

        assertEquals("None", get(objects, Service.class, "events-headless").getSpec().getClusterIP());
        assertEquals(List.of(8123, 9000), get(objects, Service.class, "events").getSpec().getPorts().stream().map(p -> p.getPort()).toList());
        assertTrue(find(objects, PodDisruptionBudget.class, "events").isEmpty(), "one replica: no budget");
        assertTrue(plausible().exemptions().stream().anyMatch(e -> e.rule().equals("pdb-exists") && e.object().toString().contains("events")));
    }

    @Test
    void aRedisCacheNeverHoldsItsPasswordAndProbesWithIt() throws Exception {
        List<HasMetadata> objects = plausible().defaults();
        Container redis = get(objects, StatefulSet.class, "cache").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("docker.io/library/redis:7.4.1", redis.getImage());
        assertEquals(List.of("redis-server"), redis.getCommand());
        String args = String.join(" ", redis.getArgs());
        assertTrue(args.contains("--requirepass $(CACHE_PASSWORD)"), args);
        assertTrue(args.contains("--maxmemory " + 200L * 1024 * 1024) && args.contains("--maxmemory-policy allkeys-lru"), args);
        assertTrue(args.contains("--appendonly no --save "), "memory only: " + args);
        for (EnvVar var : redis.getEnv()) {
            assertNull(var.getValue(), var.getName() + " must come from the secret");
            assertEquals("plausible-cache", var.getValueFrom().getSecretKeyRef().getName());
        }
        assertTrue(redis.getEnv().stream().anyMatch(v -> v.getName().equals("REDISCLI_AUTH")));
        assertEquals(List.of("sh", "-c", "redis-cli -h 127.0.0.1 -p 6379 ping | grep -q PONG"), redis.getReadinessProbe().getExec().getCommand());
        assertEquals(999L, redis.getSecurityContext().getRunAsUser());
        assertTrue(get(objects, StatefulSet.class, "cache").getSpec().getTemplate().getSpec().getVolumes().get(0).getEmptyDir() != null);

        NetworkPolicy policy = get(objects, NetworkPolicy.class, "cache");
        assertEquals(1, policy.getSpec().getIngress().size(), "only its user, web");
        assertEquals("web", policy.getSpec().getIngress().get(0).getFrom().get(0).getPodSelector().getMatchLabels().get(Labels.NAME));
        assertEquals(6379, policy.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal());

        Container web = get(objects, Deployment.class, "web").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("redis://cache:6379", value(web, "REDIS_URL"));
        assertEquals("http://events:8123/plausible_events_db", value(web, "CLICKHOUSE_DATABASE_URL"));
    }

    @Test
    void aClusteredStoreGetsABudgetPeerTrafficAndABackup() throws Exception {
        ApplicationModel model = SEARCH.model(dir, CLUSTERED);
        List<HasMetadata> objects = model.defaults();
        StatefulSet store = get(objects, StatefulSet.class, "store");
        assertEquals(3, store.getSpec().getReplicas());
        assertEquals(1000L, store.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsGroup());
        assertEquals(2000L, store.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup());
        assertEquals("kubernetes.io/hostname", store.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().get(0).getTopologyKey());
        assertEquals("fast", store.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName());
        Container container = store.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("UDP", container.getPorts().get(2).getProtocol());
        assertTrue(container.getCommand().isEmpty(), "the image's entrypoint");
        assertEquals("main", container.getLivenessProbe().getTcpSocket().getPort().getStrVal(), "default liveness: TCP on port");
        assertTrue(container.getReadinessProbe().getExec() != null);
        assertEquals(1, get(objects, PodDisruptionBudget.class, "store").getSpec().getMaxUnavailable().getIntVal());
        assertTrue(get(objects, Service.class, "store-headless").getSpec().getPublishNotReadyAddresses());

        NetworkPolicy policy = get(objects, NetworkPolicy.class, "store");
        assertEquals(3, policy.getSpec().getIngress().size(), "api on 9200, peers on every port, the backup on every port");
        assertEquals(List.of("9200/TCP", "9300/TCP", "7946/UDP"), policy.getSpec().getEgress().get(0).getPorts().stream()
                .map(p -> p.getPort().getIntVal() + "/" + p.getProtocol()).toList());

        CronJob backup = get(objects, CronJob.class, "store-backup");
        assertEquals("Forbid", backup.getSpec().getConcurrencyPolicy());
        assertEquals("Etc/UTC", backup.getSpec().getTimeZone());
        assertEquals(3, backup.getSpec().getFailedJobsHistoryLimit());
        assertEquals(7200L, backup.getSpec().getJobTemplate().getSpec().getActiveDeadlineSeconds());
        Container job = backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("store", value(job, "STORE_HOST"));
        assertEquals("9200", value(job, "STORE_PORT"));
        assertEquals("search-auth", job.getEnv().get(0).getValueFrom().getSecretKeyRef().getName());
        NetworkPolicy backupPolicy = get(objects, NetworkPolicy.class, "store-backup");
        assertEquals(2, backupPolicy.getSpec().getEgress().size());
        String rules = new ConfigYaml().write(new AlertRules(model.spec().defaults(), new ScheduleGaps(), ComponentKinds.standard()).render());
        assertTrue(rules.contains("BackupTooOld") && rules.contains("store-backup"), rules);

        StatefulSet sessions = get(objects, StatefulSet.class, "sessions");
        Container valkey = sessions.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("docker.io/valkey/valkey:8.0.1", valkey.getImage());
        assertEquals(List.of("valkey-server"), valkey.getCommand());
        String args = String.join(" ", valkey.getArgs());
        assertTrue(args.contains("--appendonly yes") && !args.contains("--save"), args);
        assertTrue(args.contains("--maxmemory " + 1024L * 1024 * 1024 / 2), "half the limit with persistence: " + args);
        assertFalse(args.contains("requirepass"), args);
        assertEquals("2Gi", sessions.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage").toString());
        assertEquals("Retain", sessions.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());

        assertTrue(find(objects, StatefulSet.class, "managed").isEmpty(), "an external cache runs nothing");
        Container api = get(objects, Deployment.class, "api").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("http://store:9200", value(api, "SEARCH_URL"));
        assertEquals("redis://sessions:6379", value(api, "SESSIONS_URL"));
        assertEquals("rediss://cache.abc123.euw1.cache.amazonaws.com:6379", value(api, "MANAGED_URL"));
        NetworkPolicy apiPolicy = get(objects, NetworkPolicy.class, "api");
        assertTrue(apiPolicy.getSpec().getEgress().stream().anyMatch(e -> e.getTo().get(0).getIpBlock() != null
                && e.getTo().get(0).getIpBlock().getCidr().equals("10.20.0.0/16")));
    }

    @Test
    void aStatefulPortHasItsOwnServicePortAndALoadBalancerWithSourceRanges() throws Exception {
        List<HasMetadata> objects = new ModelBuilder().build(LOADER.load(dev.shipshape.spec.RepositoryRoot.path().resolve("specs/forgejo.yaml")))
                .defaults();
        Service git = get(objects, Service.class, "git");
        assertEquals(List.of("main:3000:main", "ssh:22:ssh"), git.getSpec().getPorts().stream()
                .map(p -> p.getName() + ":" + p.getPort() + ":" + p.getTargetPort().getStrVal()).toList());
        Service ssh = get(objects, Service.class, "git-ssh");
        assertEquals(List.of("LoadBalancer", "Local", List.of("203.0.113.0/24", "198.51.100.0/24"), 22, "ssh"),
                List.of(ssh.getSpec().getType(), ssh.getSpec().getExternalTrafficPolicy(), ssh.getSpec().getLoadBalancerSourceRanges(),
                        ssh.getSpec().getPorts().get(0).getPort(), ssh.getSpec().getPorts().get(0).getTargetPort().getStrVal()));
        var fromOutside = get(objects, NetworkPolicy.class, "git").getSpec()
                .getIngress().stream().filter(r -> r.getFrom().get(0).getIpBlock() != null).toList();
        assertEquals(List.of("203.0.113.0/24:2222", "198.51.100.0/24:2222"), fromOutside.stream().flatMap(r -> r.getFrom().stream()
                .map(f -> f.getIpBlock().getCidr() + ":" + r.getPorts().get(0).getPort().getIntVal())).toList(),
                "the pods see client addresses (externalTrafficPolicy Local), so the policy admits the source ranges on the container port");
        Container container = get(objects, StatefulSet.class, "git").getSpec().getTemplate()
                .getSpec().getContainers().get(0);
        assertEquals(List.of("main:3000", "ssh:2222"), container.getPorts().stream().map(p -> p.getName() + ":" + p.getContainerPort()).toList());
        new StrictSchemas().assertValid(objects);
    }

    @Test
    void theLoaderAppliesTheKindsDefaults() throws Exception {
        ApplicationSpec spec = InlineSpec.application("tiny").load(dir, """
                components:
                  cache: {type: cache}
                  store: {type: stateful, image: docker.io/minio/minio:RELEASE.2024-10-13T13-34-11Z, port: 9000, securityContext: {runAsUser: 1000}}
                """);
        CacheComponent cache = (CacheComponent) spec.defaults().component("cache").orElseThrow();
        assertEquals(CacheComponent.Engine.REDIS, cache.engine());
        assertEquals("docker.io/library/redis:7.4.1", cache.image().reference());
        assertEquals("noeviction", cache.maxmemoryPolicy());
        assertNull(cache.persistence());
        assertNull(cache.password());
        assertEquals("256Mi", cache.resources().memoryLimit());
        StatefulComponent store = (StatefulComponent) spec.defaults().component("store").orElseThrow();
        assertEquals(1, store.replicas());
        assertEquals("tcp", store.scheme());
        assertEquals(List.of("/tmp"), store.pod().writablePaths());
        assertEquals(1000, store.pod().security().runAsGroup());
        assertEquals(1000, store.pod().security().fsGroup());
        assertEquals(Probe.Action.TCP, store.probes().readiness().action());
        assertEquals("main", store.probes().liveness().port());
        assertEquals("tcp://store:9000", store.endpoint().orElseThrow().url());
    }

    @Test
    void theRunbookSaysWhatARestartLosesAndHowToRestore() throws Exception {
        var app = SEARCH.load(dir, CLUSTERED).defaults();
        var kinds = ComponentKinds.standard();
        String persistent = kinds.runbook(app.component("sessions").orElseThrow()).unprotectedData();
        assertTrue(persistent.contains("append-only file on volume `data-sessions-0`") && persistent.contains("snapshot"), persistent);
        String store = kinds.runbook(app.component("store").orElseThrow()).unprotectedData();
        assertTrue(store.contains("CronJob `store-backup`") && store.contains("claims are retained"), store);
        assertEquals("3 replicas, started in order", kinds.runbook(app.component("store").orElseThrow()).scaling());
        String memoryOnly = kinds.runbook(plausible().spec().defaults().component("cache").orElseThrow()).unprotectedData();
        assertTrue(memoryOnly.contains("memory only") && memoryOnly.contains("empties it"), memoryOnly);
    }

    private static String value(Container container, String name) {
        return container.getEnv().stream().filter(v -> v.getName().equals(name)).findFirst().orElseThrow().getValue();
    }
}
