package dev.shipshape.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentVariablesTest {

    @Test
    void unknownConnectionDetailsNameTheFix() {
        EnvironmentVariables env = new EnvironmentVariables(AcmeSpec.defaults());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> env.expand("${db.password}", AcmeSpec.at(3, 4)));
        assertTrue(error.getMessage().contains("is not a connection detail db offers"), error.getMessage());
        assertEquals("db:5432 and http://api:8443", env.expand("${db.host}:${db.port} and ${api.url}", AcmeSpec.at(3, 4)));
    }
}
