package dev.shipshape.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ClusterDelivery;
import dev.shipshape.model.OutputLayout;
import dev.shipshape.model.platform.Capabilities;
import dev.shipshape.model.platform.PlatformComponent;
import dev.shipshape.model.platform.ProvidedComponent;
import dev.shipshape.policy.RepositoryRoot;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.SpecException;
import dev.shipshape.testing.Kubectl;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A fresh cluster with only Flux converges from its folder alone: every object an application's
 * Kustomization applies is built in or installed by a platform component the application
 * transitively {@code dependsOn}, in an acyclic order of existing Kustomizations; applications on one
 * cluster share one platform layer; a provided component is not emitted.
 */
class PlatformLayerTest {

    private static final Path ROOT = RepositoryRoot.path();
    private static final ObjectYaml YAML = new ObjectYaml();

    /**
     * What each chart installs: the API groups of the CRDs in its {@code crds/} folder or CRD templates
     * (cert-manager's crds.enabled templates, Traefik's crds/, prometheus-operator-crds' templates,
     * kube-prometheus-stack's crds subchart, External Secrets' installCRDs templates, KEDA's crds.install
     * templates, Envoy Gateway's gateway-helm crds/ with the Gateway API's standard channel). Written
     * here a second time so the catalogue cannot drift from it silently.
     */
    private static final Map<String, Set<String>> CHART_INSTALLS = Map.of(
            "cert-manager", Set.of("cert-manager.io", "acme.cert-manager.io"),
            "ingress-nginx", Set.of(),
            "traefik", Set.of("traefik.io"),
            "prometheus-operator-crds", Set.of("monitoring.coreos.com"),
            "kube-prometheus-stack", Set.of("monitoring.coreos.com"),
            "external-secrets", Set.of("external-secrets.io", "generators.external-secrets.io"),
            "keda", Set.of("keda.sh", "eventing.keda.sh"),
            "gateway-helm", Set.of("gateway.networking.k8s.io", "gateway.envoyproxy.io"),
            "external-dns", Set.of());

    @TempDir
    Path temp;

    @Test
    void theCatalogueInstallsWhatEachChartShips() {
        for (PlatformComponent component : PlatformComponent.values()) {
            assertEquals(CHART_INSTALLS.get(component.source().chart()), Set.copyOf(component.installsGroups()), component.key());
        }
    }

    @Test
    void everyShippedSpecConvergesInOrderOnAFreshCluster() throws Exception {
        List<Path> specs;
        try (Stream<Path> files = Files.list(ROOT.resolve("specs"))) {
            specs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(specs.size() >= 8, specs.toString());
        Compilation compilation = new Shipshape().compile(specs);
        assertConvergesInOrder(compilation);
        // the seeds' platform pieces
        SortedMap<String, String> files = compilation.output().files();
        assertTrue(files.containsKey("clusters/foobar-europe-west9/infrastructure/controllers/traefik.yaml"));
        assertTrue(files.containsKey("clusters/foobar-europe-west9/infrastructure/controllers/cert-manager.yaml"));
        assertTrue(files.get("clusters/foobar-europe-west9/infrastructure/controllers/traefik.yaml").contains("namespace: kube-network"));
        assertTrue(files.get("clusters/foobar-europe-west9/infrastructure/controllers/traefik.yaml").contains("name: traefik-proxy"));
        assertTrue(files.containsKey("clusters/todoozle-dev/infrastructure/controllers/ingress-nginx.yaml"));
    }

    @Test
    void aSpecUsingEveryCapabilityConvergesInOrder() throws Exception {
        Path spec = write("acme.yaml", everything());
        Compilation compilation = new Shipshape().compile(List.of(spec, ROOT.resolve("specs/tasklane.yaml")));
        assertConvergesInOrder(compilation);
        SortedMap<String, String> files = compilation.output().files();
        for (String component : List.of("cert-manager", "ingress-nginx", "kube-prometheus-stack", "external-secrets", "external-dns")) {
            assertTrue(files.containsKey("clusters/acme-production/infrastructure/controllers/" + component + ".yaml"), component);
        }
        assertFalse(files.containsKey("clusters/acme-production/infrastructure/controllers/prometheus-operator-crds.yaml"),
                "a named kube-prometheus-stack serves monitoring.coreos.com instead");
        assertTrue(files.containsKey("clusters/tasklane-production/infrastructure/controllers/keda.yaml"));
        assertTrue(files.get("clusters/acme-production/infrastructure/controllers/external-dns.yaml").contains("name: aws"));
    }

    @Test
    void twoApplicationsOnOneClusterShareOnePlatformLayerThatKustomizeBuilds() throws Exception {
        String acme = Files.readString(ROOT.resolve("specs/acme.yaml"));
        Path first = write("acme.yaml", acme);
        Path second = write("billing.yaml", acme.replace("name: acme\n", "name: billing\n"));
        Compilation compilation = new Shipshape().compile(List.of(first, second));
        SortedMap<String, String> files = compilation.output().files();
        String certManager = "clusters/acme-production/infrastructure/controllers/cert-manager.yaml";
        assertEquals(Set.of("acme.yaml", "billing.yaml"), compilation.output().sources(certManager));
        assertEquals(1, files.keySet().stream().filter(p -> p.endsWith("/cert-manager.yaml")).count());
        assertTrue(files.get("clusters/acme-production/kustomization.yaml").contains("- infrastructure.yaml"));
        assertConvergesInOrder(compilation);

        Path out = Files.createDirectories(temp.resolve("out"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            if (file.getKey().startsWith("clusters/")) {
                Path path = out.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        }
        String root = Kubectl.kustomize(out.resolve("clusters/acme-production"));
        assertEquals(1, root.lines().filter(l -> l.equals("  name: infra-controllers")).count(), root);
        String controllers = Kubectl.kustomize(out.resolve("clusters/acme-production/infrastructure/controllers"));
        assertEquals(4, controllers.lines().filter(l -> l.equals("kind: HelmRelease")).count(), controllers);
    }

    @Test
    void applicationsThatDisagreeOnAComponentAreAnErrorNamingBothSpecsAndFields() throws Exception {
        String acme = Files.readString(ROOT.resolve("specs/acme.yaml"));
        Path first = write("acme.yaml", acme);
        Path second = write("billing.yaml", acme.replace("name: acme\n", "name: billing\n")
                .replace("  environments:\n", "  platform:\n    cert-manager:\n      version: v1.18.2\n  environments:\n"));
        SpecException e = assertThrows(SpecException.class, () -> new Shipshape().compile(List.of(first, second)));
        assertEquals(1, e.problems().size(), e.getMessage());
        String message = e.problems().get(0).toString();
        // the error is reported at the cluster both specs name
        int line = Files.readAllLines(second).indexOf("    - name: acme-production") + 1;
        assertTrue(message.contains("billing.yaml:" + line + ":7: error:"), message);
        assertTrue(message.contains("cluster acme-production has one cert-manager"), message);
        assertTrue(message.contains("acme.yaml installs version v1.19.1"), message);
        assertTrue(message.contains("billing.yaml installs version v1.18.2"), message);
        assertTrue(message.contains("(from spec.platform.cert-manager at "), message);
        assertTrue(message.contains("(from shipshape's pinned version and values)"), message);

        Path provided = write("billing.yaml", acme.replace("name: acme\n", "name: billing\n")
                .replace("  environments:\n", "  platform:\n    cert-manager:\n      provided: {dependsOn: kube-security}\n  environments:\n"));
        SpecException both = assertThrows(SpecException.class, () -> new Shipshape().compile(List.of(first, provided)));
        assertTrue(both.getMessage().contains("billing.yaml says cert-manager is provided (spec.platform.cert-manager), but acme.yaml installs it"),
                both.getMessage());
    }

    @Test
    void aProvidedComponentIsNotEmittedAndTheApplicationDependsOnItsKustomization() throws Exception {
        String acme = Files.readString(ROOT.resolve("specs/acme.yaml"));
        Path spec = write("acme.yaml", acme.replace("  environments:\n",
                "  platform:\n    cert-manager:\n      provided: {dependsOn: kube-security}\n    ingress-nginx:\n      provided: {}\n  environments:\n"));
        Compilation compilation = new Shipshape().compile(List.of(spec));
        SortedMap<String, String> files = compilation.output().files();
        assertTrue(files.keySet().stream().noneMatch(p -> p.endsWith("/cert-manager.yaml") || p.endsWith("/ingress-nginx.yaml")), files.keySet().toString());
        JsonNode app = YAML.readAll(files.get("clusters/acme-production/acme.yaml")).get(1);
        assertEquals("[{\"name\":\"infra-controllers\"},{\"name\":\"kube-security\"}]", app.at("/spec/dependsOn").toString(),
                "ingress-nginx is provided outside Flux: nothing to wait for");
        ClusterDelivery delivery = compilation.models().get(0).deliveries().get(0);
        assertEquals(List.of("cert-manager", "ingress-nginx"),
                delivery.platform().provided().stream().map(ProvidedComponent::component).map(PlatformComponent::key).toList());
        assertConvergesInOrder(compilation);
    }

    @Test
    void aProvidedComponentWithAVersionIsAnError() throws Exception {
        String acme = Files.readString(ROOT.resolve("specs/acme.yaml"));
        Path spec = write("acme.yaml", acme.replace("  environments:\n",
                "  platform:\n    keda:\n      version: 2.21.1\n      provided: {dependsOn: keda}\n  environments:\n"));
        SpecException e = assertThrows(SpecException.class, () -> new Shipshape().compile(List.of(spec)));
        assertTrue(e.getMessage().contains("`spec.platform.keda` is provided, so nothing is installed for it"), e.getMessage());
        assertTrue(e.getMessage().contains("acme.yaml:"), e.getMessage());
    }

    @Test
    void aClusterOverrideWinsOverTheSpecAndValuesMergeDeeply() throws Exception {
        String acme = Files.readString(ROOT.resolve("specs/acme.yaml"));
        Path spec = write("acme.yaml", acme
                .replace("  environments:\n", "  platform:\n    cert-manager:\n      version: v1.18.2\n      values:\n        replicaCount: 2\n  environments:\n")
                .replace("      region: us-east-1", "      region: us-east-1\n      platform:\n        cert-manager:\n          version: v1.19.0\n          values:\n            crds: {keep: false}"));
        JsonNode release = YAML.readAll(new Shipshape().compile(List.of(spec)).output().files()
                .get("clusters/acme-production/infrastructure/controllers/cert-manager.yaml")).get(2);
        assertEquals("v1.19.0", release.at("/spec/chart/spec/version").asText());
        assertEquals("{\"crds\":{\"enabled\":true,\"keep\":false},\"replicaCount\":2}", release.at("/spec/values").toString());
    }

    /**
     * Every object of every Kustomization is built in or installed by a component of a Kustomization
     * it transitively dependsOn; the dependsOn graph has no cycle and names only Kustomizations of the
     * cluster folder or ones the spec declares (clusters[].dependsOn, provided components); every
     * file of the cluster folders validates against the strict schemas.
     */
    private static void assertConvergesInOrder(Compilation compilation) {
        SortedMap<String, String> files = compilation.output().files();
        new StrictSchemas().assertValidFiles(files, path -> path.startsWith("clusters/") && !path.endsWith("kustomization.yaml"));
        for (ApplicationModel model : compilation.models()) {
            OutputLayout layout = model.layout();
            for (ClusterDelivery delivery : model.deliveries()) {
                Cluster cluster = delivery.cluster();
                // Kustomization name -> (objects it applies, dependsOn, groups its HelmReleases install)
                Map<String, List<JsonNode>> applies = new HashMap<>();
                Map<String, List<String>> dependsOn = new HashMap<>();
                Map<String, Set<String>> installs = new HashMap<>();
                Set<String> declared = new HashSet<>(cluster.dependsOn());
                for (ProvidedComponent provided : delivery.platform().provided()) {
                    if (provided.dependsOn() != null) {
                        declared.add(provided.dependsOn());
                        installs.computeIfAbsent(provided.dependsOn(), n -> new HashSet<>())
                                .addAll(CHART_INSTALLS.get(provided.component().source().chart()));
                    }
                }
                Set<String> outsideFlux = new HashSet<>();
                delivery.platform().provided().stream().filter(p -> p.dependsOn() == null)
                        .forEach(p -> outsideFlux.addAll(CHART_INSTALLS.get(p.component().source().chart())));
                String folder = OutputLayout.clusterFolder(cluster.name());
                files.forEach((path, text) -> {
                    if (path.startsWith(folder) && path.substring(folder.length()).indexOf('/') < 0 && !path.endsWith("kustomization.yaml")) {
                        for (JsonNode object : YAML.readAll(text)) {
                            if (object.path("kind").asText().equals("Kustomization")) {
                                String name = object.at("/metadata/name").asText();
                                List<String> names = new ArrayList<>();
                                object.at("/spec/dependsOn").forEach(d -> names.add(d.path("name").asText()));
                                dependsOn.put(name, names);
                                applies.put(name, applied(object, model, delivery, layout, files));
                            }
                        }
                    }
                });
                applies.forEach((name, objects) -> installs.computeIfAbsent(name, n -> new HashSet<>()).addAll(objects.stream()
                        .filter(o -> o.path("kind").asText().equals("HelmRelease") && o.at("/spec/releaseName").asText().length() > 0)
                        .flatMap(o -> CHART_INSTALLS.getOrDefault(chart(o, objects), Set.of()).stream()).toList()));
                assertTrue(applies.containsKey(model.name()), cluster.name() + " " + applies.keySet());
                for (Map.Entry<String, List<JsonNode>> kustomization : applies.entrySet()) {
                    Set<String> reachable = new HashSet<>();
                    walk(kustomization.getKey(), dependsOn, declared, reachable, new ArrayList<>(), cluster.name());
                    Set<String> available = new HashSet<>(outsideFlux);
                    reachable.forEach(r -> available.addAll(installs.getOrDefault(r, Set.of())));
                    for (JsonNode object : kustomization.getValue()) {
                        String group = Capabilities.group(object.path("apiVersion").asText());
                        assertTrue(Capabilities.builtIn(group) || available.contains(group), cluster.name() + ": Kustomization "
                                + kustomization.getKey() + " applies " + object.path("apiVersion").asText() + " " + object.path("kind").asText()
                                + " before anything installs it (reachable: " + reachable + ")");
                    }
                }
            }
        }
    }

    /** The objects a Kustomization applies: the model's environment (the overlay, or the chart's release) or the folder's files. */
    private static List<JsonNode> applied(JsonNode kustomization, ApplicationModel model, ClusterDelivery delivery, OutputLayout layout,
                                          SortedMap<String, String> files) {
        String path = kustomization.at("/spec/path").asText();
        String folder = path.substring(layout.inRepository("").length()) + "/";
        if (folder.startsWith("clusters/") && folder.contains("/infrastructure/")) {
            List<JsonNode> objects = new ArrayList<>();
            files.forEach((file, text) -> {
                if (file.startsWith(folder) && !file.endsWith("kustomization.yaml")) {
                    objects.addAll(YAML.readAll(text));
                }
            });
            assertFalse(objects.isEmpty(), folder);
            return objects;
        }
        List<JsonNode> objects = new ArrayList<>();
        for (HasMetadata object : model.environments().get(delivery.cluster().environment())) {
            objects.add(YAML.readAll(YAML.write(object)).get(0));
        }
        if (delivery.helmRelease() != null) {
            objects.add(YAML.readAll(YAML.write(delivery.helmRelease())).get(0));
        }
        return objects;
    }

    /** A platform HelmRelease's chart: its chart.spec.chart, or the last segment of its OCIRepository's URL. */
    private static String chart(JsonNode release, List<JsonNode> objects) {
        if (release.at("/spec/chart/spec/chart").isTextual()) {
            return release.at("/spec/chart/spec/chart").asText();
        }
        String source = release.at("/spec/chartRef/name").asText();
        return objects.stream().filter(o -> o.path("kind").asText().equals("OCIRepository") && o.at("/metadata/name").asText().equals(source))
                .map(o -> o.at("/spec/url").asText().replaceAll(".*/", "")).findFirst().orElse("");
    }

    private static void walk(String name, Map<String, List<String>> dependsOn, Set<String> declared, Set<String> reachable, List<String> path,
                             String cluster) {
        if (path.contains(name)) {
            fail(cluster + ": dependsOn cycle " + path + " -> " + name);
        }
        assertTrue(dependsOn.containsKey(name) || declared.contains(name),
                cluster + ": " + path + " dependsOn " + name + ", which is neither in the cluster folder nor declared by the spec");
        reachable.add(name);
        List<String> next = new ArrayList<>(path);
        next.add(name);
        for (String dependency : dependsOn.getOrDefault(name, List.of())) {
            walk(dependency, dependsOn, declared, reachable, next, cluster);
        }
    }

    /** acme with every capability a spec can ask for today: kube-prometheus-stack named, external-dns by an Ingress annotation. */
    private static String everything() throws IOException {
        String acme = Files.readString(ROOT.resolve("specs/acme.yaml"));
        String patched = acme.replaceFirst("      uses: \\[api\\]\n", """
                      uses: [api]
                      patches:
                        - target: {kind: Ingress}
                          patch:
                            metadata:
                              annotations:
                                external-dns.alpha.kubernetes.io/hostname: www.acme.com
                """);
        assertFalse(patched.equals(acme));
        return patched.replace("  environments:\n", """
                  platform:
                    kube-prometheus-stack: {}
                    external-dns:
                      values:
                        provider: {name: aws}
                  environments:
                """);
    }

    private Path write(String name, String content) throws IOException {
        Path specs = Files.createDirectories(temp.resolve("specs"));
        return Files.writeString(specs.resolve(name), content);
    }
}
