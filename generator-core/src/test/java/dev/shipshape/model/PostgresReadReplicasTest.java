package dev.shipshape.model;

import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.shipshape.model.ModelObjects.find;
import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A postgres component with {@code readReplicas}: the primary's replication setup, the replica StatefulSet, policies, references, alerts. */
class PostgresReadReplicasTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();

    @TempDir
    Path dir;

    private static final InlineSpec SHOP = InlineSpec.application("shop")
            .existingSecret("db-credentials", "shop-db").existingSecret("replication", "shop-replication");

    private static String spec(String version, String storage) {
        return """
                components:
                  api:
                    type: web
                    image: ghcr.io/example/api:1.0.0
                    port: 8080
                    env:
                      DATABASE_URL: ${db.url}
                      DATABASE_READ_URL: ${db.readUrl}
                      DATABASE_READ_HOST: ${db.readHost}
                      DATABASE_READ_PORT: ${db.readPort}
                    uses: [db]
                  other:
                    type: web
                    image: ghcr.io/example/other:1.0.0
                    port: 8080
                  db:
                    type: postgres
                    version: "%s"
                    database: shop
                    credentials: db-credentials
                    storage: %s
                    readReplicas:
                      count: 2
                      user: repuser
                      credentials: replication
                      podNetworks: [10.8.0.0/14]
                      maxLagSeconds: 120
                    backup:
                      schedule: "0 2 * * *"
                      destination: s3://shop-backups/db
                """.formatted(version, storage);
    }

    private ApplicationModel model(String body) throws Exception {
        return SHOP.model(dir, body);
    }

    private List<HasMetadata> objects() throws Exception {
        return model(spec("16.4", "20Gi")).defaults();
    }

    @Test
    void everyObjectValidatesAgainstTheStrictSchemas() throws Exception {
        SCHEMAS.assertValid(objects());
    }

    @Test
    void thePrimaryRunsWithReplicationSettingsAndSetsUpRoleAndSlotsOnEveryStart() throws Exception {
        List<HasMetadata> objects = objects();
        StatefulSet primary = get(objects, StatefulSet.class, "db");
        Container server = primary.getSpec().getTemplate().getSpec().getContainers().get(0);
        String args = String.join(" ", server.getArgs());
        for (String setting : List.of("wal_level=replica", "max_wal_senders=10", "max_replication_slots=10", "hot_standby=on",
                "hba_file=/etc/postgresql/pg_hba.conf", "max_slot_wal_keep_size=5120MB")) {
            assertTrue(args.contains("-c " + setting), setting + " in " + args);
        }
        EnvVar password = server.getEnv().stream().filter(e -> e.getName().equals("REPLICATION_PASSWORD")).findFirst().orElseThrow();
        assertEquals("shop-replication", password.getValueFrom().getSecretKeyRef().getName());
        assertEquals("password", password.getValueFrom().getSecretKeyRef().getKey());
        String hook = String.join(" ", server.getLifecycle().getPostStart().getExec().getCommand());
        assertTrue(hook.contains("pg_isready --quiet --host=127.0.0.1") && hook.contains("--file=/etc/postgresql/replication.sql"), hook);
        assertEquals("Retain", primary.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted());

        ConfigMap config = get(objects, ConfigMap.class, "db-config");
        assertEquals(ConfigChecksum.of(config.getData()),
                primary.getSpec().getTemplate().getMetadata().getAnnotations().get(ConfigChecksum.ANNOTATION), "the config rolls the pods");
        String hba = config.getData().get("pg_hba.conf");
        assertTrue(hba.contains("host replication repuser 10.8.0.0/14 scram-sha-256\n"), hba);
        assertFalse(hba.contains("0.0.0.0/0"), hba);
        assertTrue(hba.endsWith("host all all all scram-sha-256\n"), hba);
        String sql = config.getData().get("replication.sql");
        assertTrue(sql.contains("\\set user repuser") && sql.contains("CREATE ROLE %I WITH REPLICATION LOGIN")
                && sql.contains("WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \\gexec"), sql);
        assertTrue(sql.contains("unnest(ARRAY['db_replica_0', 'db_replica_1'])"), sql);
        assertTrue(sql.contains("slot_name ~ '^db_replica_[0-9]+$'") && sql.contains("AND NOT active"), "scaled-away slots dropped: " + sql);
        assertFalse(sql.contains("shop-replication"), sql);
    }

    @Test
    void replicasCloneThePrimaryThroughTheirSlotAndRunAsHotStandbys() throws Exception {
        List<HasMetadata> objects = objects();
        StatefulSet replicas = get(objects, StatefulSet.class, "db-replica");
        assertEquals(2, replicas.getSpec().getReplicas());
        assertEquals("db-replica", replicas.getSpec().getServiceName());
        assertEquals("Retain", replicas.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled());
        assertEquals("20Gi", replicas.getSpec().getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage").toString());
        PodSpec pod = replicas.getSpec().getTemplate().getSpec();
        assertEquals("db-replica", pod.getServiceAccountName());
        Container clone = pod.getInitContainers().get(0);
        String script = clone.getCommand().get(2);
        assertTrue(script.contains("if [ -s \"$PGDATA/PG_VERSION\" ]"), "a pod with data does not clone again: " + script);
        assertTrue(script.contains("slot=\"db_replica_${POD_NAME##*-}\""), script);
        assertTrue(script.contains("pg_basebackup --host=db --port=5432 --username=repuser --no-password --pgdata=\"$partial\""
                + " --write-recovery-conf --wal-method=stream --slot=\"$slot\""), script);
        assertTrue(script.contains("partial=\"$PGDATA.partial\"") && script.contains("test -f \"$partial/standby.signal\""), script);
        assertTrue(script.contains("sed -i '/^primary_conninfo/d' \"$partial/postgresql.auto.conf\"")
                && script.contains("mv \"$partial\" \"$PGDATA\""), script);
        assertFalse(script.contains("$("), "the kubelet would expand $(...): " + script);

        Container standby = pod.getContainers().get(0);
        String args = String.join(" ", standby.getArgs());
        assertTrue(args.contains("-c primary_conninfo=host=db port=5432 user=repuser application_name=$(POD_NAME)"), args);
        assertTrue(args.contains("-c max_wal_senders=10") && args.contains("-c hot_standby=on"), "the standby's settings match: " + args);
        assertFalse(args.contains("password"), args);
        EnvVar password = standby.getEnv().stream().filter(e -> e.getName().equals("PGPASSWORD")).findFirst().orElseThrow();
        assertEquals("shop-replication", password.getValueFrom().getSecretKeyRef().getName());
        String readiness = String.join(" ", standby.getReadinessProbe().getExec().getCommand());
        assertTrue(readiness.contains("pg_stat_wal_receiver WHERE status = 'streaming'") && readiness.contains("-le 120 ]"), readiness);
        assertTrue(readiness.contains("WHEN NOT pg_is_in_recovery() THEN 0"), "a promoted replica stays ready: " + readiness);
        assertTrue(String.join(" ", standby.getLivenessProbe().getExec().getCommand()).contains("pg_isready"));
        assertNotEquals(standby.getLivenessProbe(), standby.getReadinessProbe());
        assertEquals("kubernetes.io/hostname", pod.getTopologySpreadConstraints().get(0).getTopologyKey());
        assertEquals(Map.of("app.kubernetes.io/name", "db", "app.kubernetes.io/instance", "shop"),
                pod.getAffinity().getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().get(0)
                        .getPodAffinityTerm().getLabelSelector().getMatchLabels(), "replicas prefer nodes without the primary");

        Service read = get(objects, Service.class, "db-replica");
        assertEquals("None", read.getSpec().getClusterIP());
        assertNull(read.getSpec().getPublishNotReadyAddresses(), "lagging replicas are not served");
        assertEquals("db-replica", read.getSpec().getSelector().get("app.kubernetes.io/name"));
        assertTrue(find(objects, PodDisruptionBudget.class, "db-replica").isPresent());
    }

    @Test
    void networkPoliciesLetReplicasReachThePrimaryAndUsersReachTheReplicas() throws Exception {
        List<HasMetadata> objects = objects();
        NetworkPolicy primary = get(objects, NetworkPolicy.class, "db");
        assertTrue(primary.getSpec().getIngress().stream().anyMatch(rule -> from(rule.getFrom(), "db-replica")), "primary admits replicas");
        NetworkPolicy replica = get(objects, NetworkPolicy.class, "db-replica");
        assertEquals(2, replica.getSpec().getIngress().size());
        assertTrue(from(replica.getSpec().getIngress().get(0).getFrom(), "api"), "the user of db reads from the replicas");
        assertTrue(from(replica.getSpec().getIngress().get(1).getFrom(), "db-backup"), "a promoted replica can be backed up");
        assertTrue(get(objects, NetworkPolicy.class, "db-backup").getSpec().getEgress().stream().anyMatch(rule -> from(rule.getTo(), "db-replica")));
        assertEquals(1, replica.getSpec().getEgress().size());
        assertTrue(from(replica.getSpec().getEgress().get(0).getTo(), "db"));
        assertEquals(5432, replica.getSpec().getEgress().get(0).getPorts().get(0).getPort().getIntVal());
        NetworkPolicy api = get(objects, NetworkPolicy.class, "api");
        assertTrue(api.getSpec().getEgress().stream().anyMatch(rule -> from(rule.getTo(), "db-replica")), "api reaches the replicas");
        NetworkPolicy other = get(objects, NetworkPolicy.class, "other");
        assertTrue(other.getSpec().getEgress().stream().noneMatch(rule -> from(rule.getTo(), "db-replica")));
    }

    @Test
    void readOnlyReferencesNameTheReplicaService() throws Exception {
        Container api = get(objects(), Deployment.class, "api").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("postgresql://db:5432/shop", value(api, "DATABASE_URL"));
        assertEquals("postgresql://db-replica:5432/shop", value(api, "DATABASE_READ_URL"));
        assertEquals("db-replica", value(api, "DATABASE_READ_HOST"));
        assertEquals("5432", value(api, "DATABASE_READ_PORT"));
    }

    @Test
    void postgres12GetsNoSlotWalLimitAndKeepsTheImagesPasswordMethod() throws Exception {
        List<HasMetadata> objects = model(spec("12.4", "256Mi")).defaults();
        String args = String.join(" ", get(objects, StatefulSet.class, "db").getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertFalse(args.contains("max_slot_wal_keep_size"), args);
        String hba = get(objects, ConfigMap.class, "db-config").getData().get("pg_hba.conf");
        assertTrue(hba.endsWith("host all all all md5\n"), "PostgreSQL 12 stores md5 passwords: " + hba);
        assertTrue(hba.contains("host replication repuser 10.8.0.0/14 scram-sha-256"), hba);
    }

    @Test
    void withoutReplicasThePrimaryIsUnchangedByReplication() throws Exception {
        String text = spec("16.4", "20Gi").replaceAll("(?s)    readReplicas:.*?maxLagSeconds: 120\n", "")
                .replace("      DATABASE_READ_URL: ${db.readUrl}\n      DATABASE_READ_HOST: ${db.readHost}\n      DATABASE_READ_PORT: ${db.readPort}\n", "");
        List<HasMetadata> objects = model(text).defaults();
        Container server = get(objects, StatefulSet.class, "db").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertTrue(server.getArgs().isEmpty(), "no args: " + server.getArgs());
        assertNull(server.getLifecycle());
        assertTrue(find(objects, StatefulSet.class, "db-replica").isEmpty());
        assertTrue(find(objects, ConfigMap.class, "db-config").isEmpty());
    }

    @Test
    void anEnvironmentMayDropTheReplicas() throws Exception {
        String text = spec("16.4", "20Gi")
                .replace("      DATABASE_READ_URL: ${db.readUrl}\n      DATABASE_READ_HOST: ${db.readHost}\n      DATABASE_READ_PORT: ${db.readPort}\n", "")
                + """
                environments:
                  dev:
                    components:
                      db: {readReplicas: null}
                  production:
                    components:
                      db: {readReplicas: {count: 3, credentials: replication}}
                """;
        ApplicationModel model = model(text);
        assertTrue(find(model.environments().get("dev"), StatefulSet.class, "db-replica").isEmpty());
        assertTrue(find(model.environments().get("dev"), NetworkPolicy.class, "db-replica").isEmpty());
        assertNull(get(model.environments().get("dev"), StatefulSet.class, "db").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getLifecycle());
        StatefulSet production = get(model.environments().get("production"), StatefulSet.class, "db-replica");
        assertEquals(3, production.getSpec().getReplicas());
        String hba = get(model.environments().get("production"), ConfigMap.class, "db-config").getData().get("pg_hba.conf");
        assertTrue(hba.contains("host replication repuser 10.8.0.0/14 scram-sha-256\n"), "the override merges into the block: " + hba);
        assertTrue(get(model.environments().get("production"), ConfigMap.class, "db-config").getData().get("replication.sql")
                .contains("'db_replica_0', 'db_replica_1', 'db_replica_2'"));
    }

    @Test
    void replicationAlertsPassPromtool() throws Exception {
        ApplicationModel model = model(spec("16.4", "20Gi"));
        String rules = new ConfigYaml().write(Map.of("groups",
                new AlertRules(model.spec().defaults(), new ScheduleGaps(), ComponentKinds.standard()).render()));
        assertTrue(rules.contains("ReadReplicaNotReady") && rules.contains("statefulset=\\\"db-replica\\\""), rules);
        assertTrue(rules.contains("ReadReplicasUnavailable") && rules.contains("persistentvolumeclaim=\\\"data-db-0\\\""), rules);
        Path file = Files.writeString(dir.resolve("rules.yaml"), rules);
        Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(promtool.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, promtool.exitValue(), output);
    }

    private static boolean from(List<NetworkPolicyPeer> peers, String name) {
        return peers.stream().anyMatch(p -> p.getPodSelector() != null
                && name.equals(p.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")));
    }

    private static String value(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }
}
