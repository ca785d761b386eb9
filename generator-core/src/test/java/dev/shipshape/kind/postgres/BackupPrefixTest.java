package dev.shipshape.kind.postgres;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
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

    @TempDir
    Path dir;

    @Test
    void eachEnvironmentBacksUpPrunesAndRestoresUnderItsOwnPrefix() throws Exception {
        Path spec = Files.writeString(dir.resolve("shop.yaml"), """
                apiVersion: shipshape.dev/v1alpha1
                kind: Application
                metadata: {name: shop, version: 1.0.0}
                spec:
                  secrets:
                    db-credentials: {existing: shop-db}
                    backup-credentials: {existing: shop-backup}
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
        Compilation compilation = new Shipshape().compile(List.of(spec));
        String staging = render(compilation, "staging");
        String production = render(compilation, "production");
        assertTrue(staging.contains("store:shop-backups/postgres/staging") && staging.contains("--min-age 2d"), staging);
        assertTrue(production.contains("store:shop-backups/postgres/production") && production.contains("--min-age 14d"), production);
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
        Path spec = Files.writeString(dir.resolve("shop.yaml"), """
                apiVersion: shipshape.dev/v1alpha1
                kind: Application
                metadata: {name: shop, version: 1.0.0}
                spec:
                  secrets:
                    db-credentials: {existing: shop-db}
                  components:
                    db:
                      type: postgres
                      credentials: db-credentials
                      backup: {schedule: "0 1 * * *", destination: s3://shop-backups/postgres, uploaderImage: "registry.example.com/rclone:1.68.2@%s"}
                """.formatted(digest));
        String cronJobs = render(new Shipshape().compile(List.of(spec)), null);
        assertTrue(cronJobs.contains("registry.example.com/rclone:1.68.2@" + digest), cronJobs);
        assertFalse(cronJobs.contains("docker.io/rclone/rclone"), cronJobs);
    }
}
