package dev.shipshape;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.PolicyEngine;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.policy.PolicyViolationException;
import dev.shipshape.policy.Rule;
import dev.shipshape.policy.Severity;
import dev.shipshape.render.TestModels;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.Cluster;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facade's own decisions, with a stand-in for the spec loader and model builder (their
 * own tests cover them): file order, aggregation of problems, duplicate names, spec discovery.
 */
class ShipshapeTest {

    @TempDir
    Path temp;

    /** The stand-in pipeline with the default rules except those that fail on the bare shop model (its own tests cover the model). */
    private final Shipshape shipshape = standIn(passingSettings());

    /** The stand-in pipeline with the default rules, which the bare shop model fails. */
    private final Shipshape strict = standIn(PolicySettings.DEFAULTS);

    /** Reads "shop" files as the shop model's spec and "broken" files as a problem at line 3. */
    private static Shipshape standIn(PolicySettings settings) {
        return new Shipshape(file -> {
            String name = file.getFileName().toString();
            if (name.startsWith("broken")) {
                throw new SpecException(new SpecProblem(new Location(file, 3, 7), "spec.components is required.", "add a component."));
            }
            return TestModels.spec(name.replaceAll("\\.ya?ml$", ""), name, new TreeMap<>(Map.of("production", List.of())),
                    List.of(TestModels.cluster("eu-production", "production", Cluster.Method.KUSTOMIZE)));
        }, spec -> {
            ApplicationModel shop = TestModels.shop(List.of());
            return new ApplicationModel(spec, shop.defaults(), new TreeMap<>(Map.of("production", shop.environments().get("production"))),
                    Map.of());
        }, settings);
    }

    private static PolicySettings passingSettings() {
        PolicySettings settings = PolicySettings.DEFAULTS;
        for (Rule rule : PolicyEngine.builder().build().rules()) {
            if (rule.severity() == Severity.ERROR) {
                settings = settings.withDisabledRule(rule.id());
            }
        }
        return settings;
    }

    @Test
    void fileOrderNeverMatters() throws Exception {
        Compilation forward = shipshape.compile(List.of(Path.of("specs/alpha.yaml"), Path.of("specs/beta.yaml")));
        Compilation backward = shipshape.compile(List.of(Path.of("specs/beta.yaml"), Path.of("specs/alpha.yaml")));
        assertEquals(forward.output().files(), backward.output().files());
        assertEquals(List.of("alpha", "beta"), forward.specs().stream().map(ApplicationSpec::name).toList());
        assertTrue(forward.output().files().containsKey("alpha/kustomize/base/kustomization.yaml"));
        assertTrue(forward.output().files().get("clusters/eu-production/kustomization.yaml").contains("  - alpha.yaml\n  - beta.yaml\n"));
    }

    @Test
    void problemsOfEverySpecAreReportedTogether() {
        SpecException e = assertThrows(SpecException.class, () -> shipshape.compile(
                List.of(Path.of("specs/broken-b.yaml"), Path.of("specs/ok.yaml"), Path.of("specs/broken-a.yaml"))));
        assertEquals(List.of("specs/broken-a.yaml:3:7", "specs/broken-b.yaml:3:7"),
                e.problems().stream().map(problem -> problem.location().toString()).toList());
    }

    @Test
    void twoSpecsNamingTheSameApplicationAreAProblem() {
        SpecException e = assertThrows(SpecException.class,
                () -> shipshape.compile(List.of(Path.of("a/shop.yaml"), Path.of("b/shop.yml"))));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains("application shop is also defined in"), e.getMessage());
    }

    @Test
    void findSpecsListsTheYamlFilesOfADirectorySorted() throws Exception {
        Files.writeString(temp.resolve("b.yml"), "");
        Files.writeString(temp.resolve("a.yaml"), "");
        Files.writeString(temp.resolve("pom.xml"), "");
        Files.createDirectories(temp.resolve("nested.yaml"));
        assertEquals(List.of(temp.resolve("a.yaml"), temp.resolve("b.yml")), Shipshape.findSpecs(temp));

        SpecException none = assertThrows(SpecException.class, () -> Shipshape.findSpecs(temp.resolve("nested.yaml")));
        assertTrue(none.getMessage().contains("holds no spec file"), none.getMessage());
        SpecException missing = assertThrows(SpecException.class, () -> Shipshape.findSpecs(temp.resolve("missing")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void generateWritesTheTreeAndASecondRunChangesNothing() throws Exception {
        Path specs = Files.createDirectories(temp.resolve("specs"));
        Files.writeString(specs.resolve("shop.yaml"), "");
        List<Path> files = Shipshape.findSpecs(specs);

        WriteResult first = shipshape.generate(files, temp.resolve("output"));
        WriteResult second = shipshape.generate(files, temp.resolve("output"));

        assertTrue(first.written().contains("shop/kustomize/overlays/production/kustomization.yaml"), first.written().toString());
        assertTrue(Files.readString(temp.resolve("output/clusters/eu-production/shop.yaml"))
                .startsWith("# Code generated by shipshape " + Shipshape.version() + " from shop.yaml. DO NOT EDIT.\n"));
        assertFalse(second.changed());
        assertEquals(first.written(), second.unchanged());
    }

    @Test
    void generateRefusesToWriteOverTheSpecs() throws Exception {
        Path specs = Files.createDirectories(temp.resolve("specs"));
        Files.writeString(specs.resolve("shop.yaml"), "");
        assertThrows(OutputException.class, () -> shipshape.generate(Shipshape.findSpecs(specs), specs));
        assertThrows(OutputException.class, () -> shipshape.generate(Shipshape.findSpecs(specs), temp));
    }

    @Test
    void generateWritesNothingWhenAFindingIsAtOrAboveFailOn() throws Exception {
        Path specs = Files.createDirectories(temp.resolve("specs"));
        Files.writeString(specs.resolve("shop.yaml"), "");

        PolicyViolationException e = assertThrows(PolicyViolationException.class,
                () -> strict.generate(Shipshape.findSpecs(specs), temp.resolve("output")));

        assertFalse(Files.exists(temp.resolve("output")));
        List<String> lines = e.getMessage().lines().toList();
        assertTrue(lines.stream().anyMatch(line -> line.matches(".*shop\\.yaml:5:9: error drop-all-capabilities: container api does not drop ALL "
                + "capabilities \\(Deployment/shop/api container api in production\\) \u2014 Set securityContext.*")), e.getMessage());
        assertTrue(lines.subList(0, lines.size() - 1).stream().allMatch(line -> line.contains(": error ")), e.getMessage());
        assertTrue(lines.get(lines.size() - 1).matches("policy: \\d+ errors, \\d+ warnings?, \\d+ info, 0 suppressed "
                + "\\(fails on error; nothing was written\\)"), lines.get(lines.size() - 1));
        assertEquals(e.report().count(Severity.ERROR), lines.size() - 1);
    }

    @Test
    void failOnWarningStopsWhatFailOnErrorLetsThrough() throws Exception {
        Path specs = Files.createDirectories(temp.resolve("specs"));
        Files.writeString(specs.resolve("shop.yaml"), "");
        Compilation compilation = shipshape.compile(Shipshape.findSpecs(specs));
        assertFalse(compilation.policy().fails(Severity.ERROR));
        assertTrue(compilation.policy().fails(Severity.WARNING), "the bare shop model has warnings");

        Shipshape warnings = standIn(passingSettings().withFailOn(Severity.WARNING));
        assertThrows(PolicyViolationException.class, () -> warnings.generate(Shipshape.findSpecs(specs), temp.resolve("output")));
        assertFalse(Files.exists(temp.resolve("output")));
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertTrue(Shipshape.version().matches("\\d+\\.\\d+\\.\\d+.*"), Shipshape.version());
    }
}
