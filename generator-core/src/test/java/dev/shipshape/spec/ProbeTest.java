package dev.shipshape.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one spec probe record and its reader, shared by the worker and stateful kinds. */
class ProbeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Probe read(String json) throws Exception {
        return Probe.read(JSON.readTree(json), "/spec/components/x/readiness");
    }

    @Test
    void readsEachHandlerWithItsPointer() throws Exception {
        assertEquals(Probe.http("/ping", "main", "/spec/components/x/readiness"), read("{\"http\": {\"path\": \"/ping\", \"port\": \"main\"}}"));
        assertEquals(Probe.http(Probe.DEFAULT_HTTP_PATH, "8081", "/spec/components/x/readiness"), read("{\"http\": {\"port\": 8081}}"));
        assertEquals(Probe.tcp("9000", "/spec/components/x/readiness"), read("{\"tcp\": {\"port\": 9000}}"));
        assertEquals(Probe.exec(List.of("redis-cli", "ping"), "/spec/components/x/readiness"),
                read("{\"exec\": {\"command\": [\"redis-cli\", \"ping\"]}}"));
        assertNull(Probe.read(JSON.readTree("{}").path("readiness"), "/x"));
    }

    @Test
    void aPortIsANumberOnlyWhenWrittenAsOne() throws Exception {
        Probe byNumber = read("{\"tcp\": {\"port\": 9000}}");
        assertEquals(OptionalInt.of(9000), byNumber.portNumber());
        assertEquals("/spec/components/x/readiness/tcp/port", byNumber.portPointer());
        assertEquals(OptionalInt.empty(), read("{\"http\": {\"port\": \"native\"}}").portNumber());
        Probe exec = read("{\"exec\": {\"command\": [\"true\"]}}");
        assertFalse(exec.usesPort());
        assertEquals(OptionalInt.empty(), exec.portNumber());
    }

    @Test
    void rejectsFieldsOfAnotherHandler() {
        assertThrows(IllegalArgumentException.class, () -> new Probe(Probe.Action.TCP, "/", "80", null, Map.of(), null, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Probe(Probe.Action.HTTP, null, "80", "HTTP", Map.of(), null, List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> Probe.exec(List.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new Probe(Probe.Action.EXEC, null, "80", null, Map.of(), null, List.of("true"), null));
    }
}
