package dev.shipshape.render.docs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ObjectStorageTest {

    @Test
    void listsEachSchemeWithItsProvidersCli() {
        assertEquals("aws s3 ls s3://acme-backups/postgres/", ObjectStorage.listCommand("s3://acme-backups/postgres"));
        assertEquals("gcloud storage ls gs://todoozle-backups/dev/postgres/",
                ObjectStorage.listCommand("gs://todoozle-backups/dev/postgres/"));
        assertEquals("az storage blob list --account-name <storage account> --container-name backups"
                        + " --prefix acme/postgres/ --output table",
                ObjectStorage.listCommand("azure://backups/acme/postgres"));
    }

    @Test
    void knowsNoCommandForOtherSchemes() {
        assertEquals("", ObjectStorage.listCommand("file:///var/backups"));
    }
}
