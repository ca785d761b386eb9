package dev.shipshape.kind.postgres;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectStorageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "s3://acme-backups/postgres, s3, store:acme-backups/postgres",
            "gs://acme-backups/db/, gcs, store:acme-backups/db",
            "azure://backups/acme, azureblob, store:backups/acme",
    })
    void destinationsBecomeRcloneRemotes(String destination, String type, String remote) {
        ObjectStorage storage = ObjectStorage.parse(destination);

        assertEquals(type, storage.type());
        assertEquals(remote, storage.remote());
        assertEquals(type, storage.environment().get(0).getValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host/path", "s3://", "acme-backups/postgres"})
    void otherDestinationsAreRefused(String destination) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ObjectStorage.parse(destination));
        assertTrue(error.getMessage().contains("s3://bucket/prefix"), error.getMessage());
    }
}
