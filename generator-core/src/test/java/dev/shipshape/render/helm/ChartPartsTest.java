package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.output.OutputTree;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.TestModels;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small rules the chart is written with: escaping, names, values overrides, value writing, determinism. */
class ChartPartsTest {

    @Test
    void escapesEveryDelimiterOnceAndLeavesOtherTextAlone() {
        assertEquals("{{ \"{{\" }} .Values.x {{ \"}}\" }}", TemplateText.escape("{{ .Values.x }}"));
        assertEquals("{{ \"{{\" }}{ {{ \"}}\" }}}", TemplateText.escape("{{{ }}}"));
        assertEquals("a { b } c", TemplateText.escape("a { b } c"));
    }

    @Test
    void namesAreGoIdentifiers() {
        assertEquals("dbBackup", ValueNames.identifier("db-backup"));
        assertEquals("appKubernetesIoVersion", ValueNames.identifier("app.kubernetes.io/version"));
        assertEquals("POSTGRES_URL", ValueNames.identifier("POSTGRES_URL"));
        assertEquals("configMap", ValueNames.identifier("ConfigMap"));
        assertEquals("n8080", ValueNames.identifier("8080"));
        assertThrows(IllegalArgumentException.class, () -> new ValueKey(List.of("db-backup")));
    }

    @Test
    void scalarsAreWrittenWithTheirType() {
        ValueKey key = new ValueKey(List.of("api", "replicas"));
        assertEquals("{{ .Values.api.replicas | int64 }}", ValueKind.INTEGER.inline(key, "shop"));
        assertEquals("{{ .Values.api.replicas | quote }}", ValueKind.STRING.inline(key, "shop"));
        assertEquals("{{ include \"shop.image\" .Values.api.replicas | quote }}", ValueKind.IMAGE.inline(key, "shop"));
        assertThrows(IllegalStateException.class, () -> ValueKind.TREE.inline(key, "shop"));
    }

    @Test
    void anImageSplitsIntoRepositoryTagAndDigestOnTheTextAlone() {
        String digest = "sha256:" + "a".repeat(64);
        assertEquals(Charts.YAML.readAll("{repository: registry.example.com:5000/team/api, tag: '1.2', digest: ''}").get(0),
                ImageParts.split(com.fasterxml.jackson.databind.node.TextNode.valueOf("registry.example.com:5000/team/api:1.2")));
        assertEquals(Charts.YAML.readAll("{repository: docker.io/library/postgres, tag: '16.4', digest: '" + digest + "'}").get(0),
                ImageParts.split(com.fasterxml.jackson.databind.node.TextNode.valueOf("docker.io/library/postgres:16.4@" + digest)));
        assertEquals(Charts.YAML.readAll("{repository: localhost:5000/api, tag: '', digest: '" + digest + "'}").get(0),
                ImageParts.split(com.fasterxml.jackson.databind.node.TextNode.valueOf("localhost:5000/api@" + digest)));
    }

    @Test
    void anEnvironmentFileHoldsOnlyWhatChangesAndNullsWhatIsRemoved() {
        ObjectNode defaults = (ObjectNode) Charts.YAML.readAll("api:\n  image: a:1\n  replicas: 2\n  resources:\n    limits: {cpu: 1, memory: 1Gi}\n").get(0);
        ObjectNode staging = (ObjectNode) Charts.YAML.readAll("api:\n  image: a:2\n  replicas: 2\n  resources:\n    limits: {memory: 2Gi}\n").get(0);
        assertEquals(Charts.YAML.readAll("api:\n  image: a:2\n  resources:\n    limits: {cpu: null, memory: 2Gi}\n").get(0),
                ValuesOverride.of(defaults, staging));
        assertEquals(staging, HelmChartTest.merge(defaults.deepCopy(), ValuesOverride.of(defaults, staging)));
        assertTrue(ValuesOverride.of(defaults, defaults).isEmpty());
    }

    @Test
    void renderingIsDeterministic() {
        OutputTree first = new OutputTree();
        OutputTree second = new OutputTree();
        new HelmRenderer(Charts.YAML, new ObjectDiff()).render(List.of(TestModels.shop(List.of())), first);
        new HelmRenderer(Charts.YAML, new ObjectDiff()).render(List.of(TestModels.shop(List.of())), second);
        assertEquals(first.files(), second.files());
        assertTrue(first.files().containsKey("shop/helm/shop/values-staging.yaml"));
    }
}
