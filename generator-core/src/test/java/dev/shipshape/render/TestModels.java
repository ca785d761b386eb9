package dev.shipshape.render;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.spec.Application;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Delivery;
import dev.shipshape.spec.IngressController;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Tls;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Hand-built application models for renderer tests: the objects a {@code ModelBuilder} would
 * produce, with per-environment differences of every shape an overlay must express.
 */
public final class TestModels {

    private TestModels() {
    }

    /** A spec with the given clusters and no application details (renderers read only names, delivery, clusters). */
    public static ApplicationSpec spec(String name, String file, SortedMap<String, ?> environments, List<Cluster> clusters) {
        Location location = new Location(Path.of(file), 5, 9);
        Application defaults = application(name, null, location);
        SortedMap<String, Application> resolved = new TreeMap<>();
        environments.keySet().forEach(env -> resolved.put(env, application(name, env, location)));
        return new ApplicationSpec(Path.of(file), defaults, resolved,
                new Delivery("https://github.com/example/gitops", "main", "output", "5m"), clusters, List.of());
    }

    /** An application with no components and the loader's defaults for TLS and ingress. */
    private static Application application(String name, String environment, Location location) {
        return new Application(name, "1.0.0", "test application", environment,
                new Tls("letsencrypt-production", "ops@example.com", true), new IngressController("nginx", "ingress-nginx"),
                null, Map.of(), List.of(), location);
    }

    /** A cluster running one environment by Flux Kustomization. */
    public static Cluster cluster(String name, String environment, Cluster.Method method, String... dependsOn) {
        return new Cluster(name, environment, "eu-west-1", method, List.of(dependsOn), new Location(Path.of("shop.yaml"), 40, 7));
    }

    /**
     * The shop application: defaults plus three environments.
     * <ul>
     *   <li>staging: image, replicas, a label removed, an annotation with {@code /} and {@code ~}
     *       in its key added, an env var list of another length, a ConfigMap value changed;</li>
     *   <li>production: a PodDisruptionBudget and a database StatefulSet only it has;</li>
     *   <li>preview: identical to the defaults, but without the Ingress.</li>
     * </ul>
     */
    public static ApplicationModel shop(List<Cluster> clusters) {
        List<HasMetadata> defaults = defaults();
        SortedMap<String, List<HasMetadata>> environments = new TreeMap<>();

        List<HasMetadata> staging = new ArrayList<>(defaults());
        staging.replaceAll(object -> object instanceof Deployment deployment ? new DeploymentBuilder(deployment)
                .editMetadata().removeFromLabels("tier").addToAnnotations("example.com/owner~team", "payments").endMetadata()
                .editSpec().withReplicas(3)
                .editTemplate().editSpec().editFirstContainer()
                .withImage("registry.example.com/shop/api:2.0.0-rc1")
                .addNewEnv().withName("FEATURE_FLAGS").withValue("on").endEnv()
                .endContainer().endSpec().endTemplate().endSpec().build() : object);
        staging.replaceAll(object -> object.getKind().equals("ConfigMap")
                ? new ConfigMapBuilder((io.fabric8.kubernetes.api.model.ConfigMap) object).addToData("LOG_LEVEL", "debug").build() : object);
        environments.put("staging", sorted(staging));

        List<HasMetadata> production = new ArrayList<>(defaults());
        production.add(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").addToLabels("app.kubernetes.io/name", "api").endMetadata()
                .withNewSpec().withMinAvailable(new IntOrString(1))
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "api").endSelector().endSpec().build());
        production.add(new StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace("shop").endMetadata()
                .withNewSpec().withServiceName("db").withReplicas(1)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "db").endMetadata()
                .withNewSpec().addNewContainer().withName("postgres").withImage("postgres:16.4").endContainer().endSpec()
                .endTemplate().endSpec().build());
        environments.put("production", sorted(production));

        List<HasMetadata> preview = new ArrayList<>(defaults());
        preview.removeIf(object -> object.getKind().equals("Ingress"));
        environments.put("preview", sorted(preview));

        return new ApplicationModel(spec("shop", "shop.yaml", environments, clusters), defaults, environments, Map.of());
    }

    /** The default view of shop: Namespace, ConfigMap with YAML-ambiguous strings, Deployment, Service, Ingress. */
    public static List<HasMetadata> defaults() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build());
        objects.add(new ConfigMapBuilder()
                .withNewMetadata().withName("api-settings").withNamespace("shop").endMetadata()
                .addToData("ENABLED", "yes").addToData("MODE", "on").addToData("VERSION", "1.10")
                .addToData("WINDOW", "12:30").addToData("EMPTY", "").addToData("LOG_LEVEL", "info")
                .addToData("SCRIPT", "#!/bin/sh\necho \"ready: yes\"\n")
                .build());
        objects.add(new DeploymentBuilder()
                .withNewMetadata().withName("api").withNamespace("shop")
                .addToLabels("app.kubernetes.io/name", "api").addToLabels("tier", "backend").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app.kubernetes.io/name", "api").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app.kubernetes.io/name", "api").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("api").withImage("registry.example.com/shop/api:1.0.0")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .withEnv(new EnvVar("PORT", "8080", null))
                .withNewResources().addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("512Mi")).endResources()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().endTemplate().endSpec().build());
        objects.add(new ServiceBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").endMetadata()
                .withNewSpec().withType("ClusterIP").addToSelector("app.kubernetes.io/name", "api")
                .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).endPort().endSpec().build());
        objects.add(new IngressBuilder()
                .withNewMetadata().withName("api").withNamespace("shop").endMetadata()
                .withNewSpec().withIngressClassName("nginx").addNewRule().withHost("api.example.com").withNewHttp()
                .addNewPath().withPath("/").withPathType("Prefix").withNewBackend().withNewService().withName("api")
                .withNewPort().withName("http").endPort().endService().endBackend().endPath().endHttp().endRule().endSpec().build());
        return sorted(objects);
    }

    private static List<HasMetadata> sorted(List<HasMetadata> objects) {
        return objects.stream().sorted(Comparator.comparing(ObjectKey::of)).toList();
    }
}
