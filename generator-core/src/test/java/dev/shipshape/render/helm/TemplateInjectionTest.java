package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.render.TestModels;
import dev.shipshape.testing.Kubectl;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A spec string that looks like a Go template — in an env value, a host, an annotation, a
 * ConfigMap — comes out of {@code helm template} exactly as written, whether it stays literal
 * in a template or travels through the values files.
 */
class TemplateInjectionTest {

    private static final String ENV_VALUE = "{{ .Values.secret }}";
    private static final String ANNOTATION = "{{- include \"x\" . -}} }}}{{{";
    private static final String HOST = "{{ .Release.Name }}.example.com";
    private static final String STAGING_HOST = "{{ .Chart.Name }}.staging.example.com";
    private static final String CONFIG = "line one\n{{ template \"evil\" }}\n{{/* comment */}}\n";

    @Test
    void templateLookingStringsSurviveHelmTemplateUnchanged(@TempDir Path temp) throws Exception {
        SortedMap<String, List<HasMetadata>> environments = new TreeMap<>();
        environments.put("production", objects(HOST));
        environments.put("staging", objects(STAGING_HOST));
        ApplicationModel model = new ApplicationModel(TestModels.spec("shop", "shop.yaml", environments, List.of()),
                objects(HOST), environments, Map.of());

        Path output = temp.resolve("output");
        Path chart = Charts.write(model, output);
        String deployment = Files.readString(chart.resolve("templates/deployment-api.yaml"));
        assertTrue(deployment.contains("{{ \"{{\" }} .Values.secret {{ \"}}\" }}"), "literal braces are escaped in the template:\n" + deployment);

        for (Map.Entry<String, String> env : Map.of("production", HOST, "staging", STAGING_HOST).entrySet()) {
            SortedMap<ObjectKey, JsonNode> helm = Charts.withoutHelmLabels(Charts.template(chart, "shop", env.getKey(), Map.of()));
            JsonNode api = helm.get(new ObjectKey("apps/v1", "Deployment", "shop", "api"));
            assertEquals(ENV_VALUE, api.at("/spec/template/spec/containers/0/env/0/value").asText());
            assertEquals(ANNOTATION, api.at("/metadata/annotations/example.com~1template").asText());
            JsonNode ingress = helm.get(new ObjectKey("networking.k8s.io/v1", "Ingress", "shop", "api"));
            assertEquals(env.getValue(), ingress.at("/spec/rules/0/host").asText());
            JsonNode config = helm.get(new ObjectKey("v1", "ConfigMap", "shop", "api-settings"));
            assertEquals(CONFIG, config.at("/data/SCRIPT").asText());
            assertEquals(Charts.withoutHelmLabels(Kubectl.kustomize(output.resolve("shop/kustomize/overlays/" + env.getKey()))), helm,
                    "and the whole output still equals the Kustomize overlay");
        }
        String notes = Files.readString(chart.resolve("templates/NOTES.txt"));
        assertTrue(notes.contains("https://{{ .Values.api.host }}/"), notes);
    }

    private static List<HasMetadata> objects(String host) {
        List<HasMetadata> objects = new java.util.ArrayList<>();
        objects.add(new ConfigMapBuilder().withNewMetadata().withName("api-settings").withNamespace("shop").endMetadata()
                .addToData("SCRIPT", CONFIG).build());
        objects.add(new DeploymentBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").addToLabels("app.kubernetes.io/name", "api")
                .addToAnnotations("example.com/template", ANNOTATION).endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "api").endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage("registry.example.com/shop/api:1.0.0")
                .withEnv(new EnvVar("TEMPLATE", ENV_VALUE, null)).endContainer().endSpec()
                .endTemplate().endSpec().build());
        objects.add(new IngressBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").addToLabels("app.kubernetes.io/name", "api").endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost(host).withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("api")
                .withNewPort().withName("http").endPort().endService().endBackend().endPath().endHttp().endRule().endSpec().build());
        return objects.stream().sorted(Comparator.comparing(ObjectKey::of)).toList();
    }
}
