package dev.shipshape.policy;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Exemption;
import dev.shipshape.kind.web.Health;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Resources;
import dev.shipshape.kind.web.WebComponent;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small hand-built model (one web component {@code api}, one Deployment per environment), standing
 * in for SpecLoader + ModelBuilder, which live on other branches.
 */
final class TestModels {

    static final Path SPEC = Path.of("specs/acme.yaml");
    static final Location API = new Location(SPEC, 45, 5);
    static final Location API_IMAGE = new Location(SPEC, 47, 7);

    private TestModels() {
    }

    /** The model of a spec whose component {@code api} runs {@code image}, checked in staging and production. */
    static ApplicationModel model(String image, List<Exemption> exemptions) {
        WebComponent api = new WebComponent("api", new ImageReference("acme/api", "1.4.2", null), 8443, null,
                new Health("/ready", "/live"), new Resources("250m", "512Mi", null, "512Mi"), 2, null, null,
                List.of(), List.of(), List.of(), List.of(), API);
        Application application = new Application("acme", "1.4.2", "acme", null, null, null, null, Map.of(), List.of(api),
                new Location(SPEC, 6, 3));
        TreeMap<String, Application> environments = new TreeMap<>(Map.of("production", application, "staging", application));
        ApplicationSpec spec = new ApplicationSpec(SPEC, application, environments, null, List.of(), exemptions);
        HasMetadata deployment = new DeploymentBuilder()
                .withNewMetadata().withName("api").withNamespace("acme").addToLabels("app.kubernetes.io/name", "api").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "api").endMetadata()
                .withNewSpec().addNewContainer().withName("api").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
        TreeMap<String, List<HasMetadata>> objects = new TreeMap<>(Map.of("production", List.of(deployment), "staging", List.of(deployment)));
        return new ApplicationModel(spec, List.of(deployment), objects, Map.of(ObjectKey.of(deployment), API_IMAGE));
    }
}
