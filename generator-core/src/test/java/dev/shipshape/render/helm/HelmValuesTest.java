package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.spec.RepositoryRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chart's values are the ones a Helm user expects from {@code helm create} and Bitnami charts,
 * and they work when changed (each checked with the real {@code helm template}): an image as
 * repository, tag and digest; one {@code autoscaling.enabled} knob that switches the autoscaler and
 * the fixed replica count together; the issuer's kind beside its name; no value for what must not
 * change (a database's replica count, a singleton's, the schedule of a restore run by hand); each
 * default described in {@code values.yaml}.
 */
class HelmValuesTest {

    @TempDir
    static Path temp;
    private static Path tasklane;
    private static Path acme;

    @BeforeAll
    static void charts() throws Exception {
        tasklane = chart("tasklane");
        acme = chart("acme");
    }

    private static Path chart(String app) throws Exception {
        ApplicationModel model = Charts.model(RepositoryRoot.path().resolve("specs/" + app + ".yaml"));
        return Charts.write(model, temp.resolve(app).resolve("output"));
    }

    private static JsonNode values(Path chart) throws Exception {
        return Charts.YAML.readAll(Files.readString(chart.resolve("values.yaml"))).get(0);
    }

    private static JsonNode object(String rendered, String kind, String name) {
        return Charts.YAML.readAll(rendered).stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst().orElse(null);
    }

    @Test
    void anImageIsRepositoryTagAndDigestAndADigestPinsIt() throws Exception {
        JsonNode image = values(tasklane).path("web").path("image");
        assertEquals("ghcr.io/tasklane/tasklane", image.path("repository").asText());
        assertEquals("2.3.0", image.path("tag").asText());
        String digest = "sha256:" + "0123456789abcdef".repeat(4);
        String rendered = Charts.template(tasklane, "tasklane", null, Map.of("web.image.tag", "2.4.0", "web.image.digest", digest));
        assertEquals("ghcr.io/tasklane/tasklane:2.4.0@" + digest,
                object(rendered, "Deployment", "web").at("/spec/template/spec/containers/0/image").asText());
        assertThrows(RuntimeException.class, () -> Charts.template(tasklane, "tasklane", null, Map.of("web.image.digest", "latest")),
                "the values schema refuses a digest that is not sha256:<64 hex>");
    }

    @Test
    void oneAutoscalingKnobSwitchesTheAutoscalerAndTheReplicaCount() throws Exception {
        JsonNode web = values(tasklane).path("web");
        assertTrue(web.path("autoscaling").path("enabled").asBoolean(), web.toString());
        assertFalse(web.has("horizontalPodAutoscaler"), web.toString());
        String on = Charts.template(tasklane, "tasklane", null, Map.of());
        assertTrue(object(on, "HorizontalPodAutoscaler", "web") != null);
        assertTrue(object(on, "Deployment", "web").path("spec").path("replicas").isMissingNode(), "an autoscaled Deployment has no replica count");

        String off = Charts.template(tasklane, "tasklane", null, Map.of("web.autoscaling.enabled", false, "web.replicas", 4));
        assertEquals(null, object(off, "HorizontalPodAutoscaler", "web"));
        assertEquals(4, object(off, "Deployment", "web").path("spec").path("replicas").asInt());
    }

    @Test
    void whatMustNotChangeIsNoValue() throws Exception {
        JsonNode db = values(acme).path("db");
        assertFalse(db.has("replicas"), "a second PostgreSQL pod would be an independent server: " + db);
        assertFalse(db.path("restore").has("schedule"), "the restore CronJob is suspended, run by hand: " + db.path("restore"));
        assertTrue(db.path("backup").has("schedule"), db.toString());
        assertFalse(values(tasklane).path("beat").has("replicas"), "a singleton (Recreate) must never run twice");
    }

    @Test
    void theIssuerKindIsAValueBesideItsName() throws Exception {
        JsonNode tls = values(acme).path("tls");
        assertEquals("Issuer", tls.path("issuerKind").asText());
        String rendered = Charts.template(acme, "acme", null, Map.of("tls.issuer", "corporate-ca", "tls.issuerKind", "ClusterIssuer"));
        JsonNode issuerRef = object(rendered, "Certificate", "api-tls").path("spec").path("issuerRef");
        assertEquals("corporate-ca", issuerRef.path("name").asText());
        assertEquals("ClusterIssuer", issuerRef.path("kind").asText());
        assertThrows(RuntimeException.class, () -> Charts.template(acme, "acme", null, Map.of("tls.issuerKind", "Clusterissuer")));
    }

    @Test
    void valuesYamlDescribesEachDefaultAndTheSchemaBoundsWhatWorks() throws Exception {
        List<String> lines = Files.readAllLines(acme.resolve("values.yaml"));
        int image = lines.indexOf("  image:");
        assertTrue(image > 0 && lines.get(image - 1).startsWith("  # -- container image of api"), String.join("\n", lines));
        assertThrows(RuntimeException.class, () -> Charts.template(acme, "acme", null, Map.of("db.backup.schedule", "every night")));
        assertThrows(RuntimeException.class, () -> Charts.template(acme, "acme", null, Map.of("db.storage", "10 gigabytes")));
        assertEquals(2, values(tasklane).path("web").path("replicas").asInt());
        assertThrows(RuntimeException.class, () -> Charts.template(tasklane, "tasklane", null, Map.of("web.replicas", 0)), "at least one pod");
    }
}
