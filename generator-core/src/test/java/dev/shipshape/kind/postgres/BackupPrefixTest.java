package dev.shipshape.kind.postgres;

import dev.shipshape.Compilation;
import dev.shipshape.testing.InlineSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No environment touches another's backups: with one inherited destination, staging's two-day
 * retention used to run {@code rclone delete --min-age 2d} on production's dumps, and production's
 * restore could pick a staging dump. Each environment now backs up, prunes and restores under its
 * own prefix.
 */
class BackupPrefixTest {

    /** The application, with the database's credentials. */
    private static final InlineSpec SHOP = InlineSpec.application("shop").existingSecret("db-credentials", "shop-db");

    @TempDir
    Path dir;

    @Test
    void eachEnvironmentBacksUpPrunesAndRestoresUnderItsOwnPrefix() throws Exception {
        Compilation compilation = SHOP.existingSecret("backup-credentials", "shop-backup").compile(dir, """
                components:
                  db:
                    type: postgres
                    credentials: db-credentials
                    backup: {schedule: "0 1 * * *", retentionDays: 14, destination: s3://shop-backups/postgres, credentials: backup-credentials}
                environments:
                  staging:
                    components: {db: {backup: {retentionDays: 2}}}
                  production: {}
                """);
        String staging = render(compilation, "staging");
        String production = render(compilation, "production");
        assertTrue(staging.contains("value=store:shop-backups/postgres/staging") && staging.contains("BACKUP_RETENTION_DAYS, value=2,"), staging);
        assertTrue(production.contains("value=store:shop-backups/postgres/production") && production.contains("BACKUP_RETENTION_DAYS, value=14,"), production);
        assertFalse(staging.contains("postgres/production") || production.contains("postgres/staging"));
        for (String environment : List.of("staging", "production")) {
            List<HasMetadata> cronJobs = compilation.models().get(0).environments().get(environment).stream()
                    .filter(o -> o.getKind().equals("CronJob")).toList();
            assertEquals(List.of("db-backup", "db-restore", "db-restore-drill"), cronJobs.stream().map(o -> o.getMetadata().getName()).toList());
            for (HasMetadata cronJob : cronJobs) {
                assertTrue(cronJob.toString().contains("store:shop-backups/postgres/" + environment),
                        cronJob.getMetadata().getName() + " in " + environment + " works under the environment's prefix: " + cronJob);
            }
        }
        assertTrue(compilation.output().files().get("shop/RUNBOOK.md").contains("s3://shop-backups/postgres/staging"));
        assertEquals("s3://b/p", PostgresKind.environmentPrefix("s3://b/p", null));
        assertEquals("s3://b/p/dev", PostgresKind.environmentPrefix("s3://b/p/", "dev"));
    }

    /** The environment's backup, restore and drill CronJobs, as one text. */
    private static String render(Compilation compilation, String environment) {
        var model = compilation.models().get(0);
        return (environment == null ? model.defaults() : model.environments().get(environment)).stream()
                .filter(o -> o.getKind().equals("CronJob"))
                .map(Object::toString)
                .reduce("", String::concat);
    }

    @Test
    void theUploaderImageIsSettableSoItCanBePinnedByDigest() throws Exception {
        String digest = "sha256:" + "a".repeat(64);
        String cronJobs = render(SHOP.compile(dir, """
                components:
                  db:
                    type: postgres
                    credentials: db-credentials
                    backup: {schedule: "0 1 * * *", destination: s3://shop-backups/postgres, uploaderImage: "registry.example.com/rclone:1.68.2@%s"}
                """.formatted(digest)), null);
        assertTrue(cronJobs.contains("registry.example.com/rclone:1.68.2@" + digest), cronJobs);
        assertFalse(cronJobs.contains("docker.io/rclone/rclone"), cronJobs);
    }

    /**
     * What differs per environment is in environment variables, so the scripts are one text (one
     * Helm template, not a per-environment command value); the dump goes to a generic ephemeral
     * volume of {@code backup.scratch.size}, not an emptyDir on the node's disk.
     */
    @Test
    void scriptsAreTheSameInEveryEnvironmentAndDumpsGoToASizedEphemeralVolume() throws Exception {
        var model = SHOP.compile(dir, """
                components:
                  db:
                    type: postgres
                    credentials: db-credentials
                    storage: 200Gi
                    backup:
                      schedule: "0 1 * * *"
                      destination: s3://shop-backups/postgres
                      scratch: {size: 60Gi, storageClass: fast-ssd}
                environments:
                  staging:
                    components: {db: {backup: {retentionDays: 2, scratch: {size: null}}}}
                  production: {}
                """).models().get(0);
        for (String cronJob : List.of("db-backup", "db-restore", "db-restore-drill")) {
            var staging = pod(model.environments().get("staging"), cronJob);
            var production = pod(model.environments().get("production"), cronJob);
            for (int i = 0; i < production.getInitContainers().size(); i++) {
                assertEquals(production.getInitContainers().get(i).getCommand(), staging.getInitContainers().get(i).getCommand(), cronJob);
            }
            for (int i = 0; i < production.getContainers().size(); i++) {
                assertEquals(production.getContainers().get(i).getCommand(), staging.getContainers().get(i).getCommand(), cronJob);
            }
            var dumps = production.getVolumes().stream().filter(v -> v.getName().equals("dumps")).findFirst().orElseThrow();
            assertEquals(null, dumps.getEmptyDir(), "not on the node's disk");
            var claim = dumps.getEphemeral().getVolumeClaimTemplate().getSpec();
            assertEquals("60Gi", claim.getResources().getRequests().get("storage").toString());
            assertEquals("fast-ssd", claim.getStorageClassName());
            var stagingClaim = staging.getVolumes().stream().filter(v -> v.getName().equals("dumps")).findFirst().orElseThrow()
                    .getEphemeral().getVolumeClaimTemplate().getSpec();
            assertEquals("200Gi", stagingClaim.getResources().getRequests().get("storage").toString(), "the database's storage by default");
        }
    }

    private static io.fabric8.kubernetes.api.model.PodSpec pod(List<HasMetadata> objects, String cronJob) {
        return objects.stream().filter(o -> o.getKind().equals("CronJob") && o.getMetadata().getName().equals(cronJob))
                .map(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class::cast).findFirst().orElseThrow()
                .getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    }
}
