package dev.shipshape;

import dev.shipshape.model.ApplicationModel;
import dev.shipshape.policy.AdmissionPolicyExport;
import dev.shipshape.policy.PolicyEngine;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.policy.RepositoryRoot;
import dev.shipshape.policy.Rule;
import dev.shipshape.testing.Kubectl;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code spec.admissionPolicies: true} (on in the shipped acme spec) puts the exported rules in every environment's model. */
class AdmissionPoliciesTest {

    private static final Path ROOT = RepositoryRoot.path();

    @TempDir
    Path temp;

    @Test
    void everyEnvironmentOfAnOptedInAppHoldsAPolicyAndBindingPerExportableRule() throws Exception {
        Compilation compilation = new Shipshape().compile(List.of(ROOT.resolve("specs/acme.yaml")));
        ApplicationModel acme = compilation.models().get(0);
        List<Rule> exportable = new AdmissionPolicyExport(PolicyEngine.builder().build().rules()).exportable();
        assertFalse(exportable.isEmpty());

        for (List<HasMetadata> objects : List.of(acme.defaults(), acme.environments().get("production"))) {
            for (Rule rule : exportable) {
                String name = "shipshape-acme-" + rule.id();
                assertTrue(objects.stream().anyMatch(o -> o.getKind().equals("ValidatingAdmissionPolicy") && o.getMetadata().getName().equals(name)), name);
                ValidatingAdmissionPolicyBinding binding = (ValidatingAdmissionPolicyBinding) objects.stream()
                        .filter(o -> o.getKind().equals("ValidatingAdmissionPolicyBinding") && o.getMetadata().getName().equals(name))
                        .findFirst().orElseThrow();
                assertEquals(Map.of("kubernetes.io/metadata.name", "acme"), binding.getSpec().getMatchResources().getNamespaceSelector().getMatchLabels());
                assertEquals(Map.of("app.kubernetes.io/part-of", "acme"), binding.getSpec().getMatchResources().getObjectSelector().getMatchLabels());
            }
        }
        assertTrue(compilation.output().files().containsKey("acme/kustomize/base/validatingadmissionpolicy-shipshape-acme-image-tag-pinned.yaml"));
        assertTrue(compilation.output().files().containsKey("acme/kustomize/base/validatingadmissionpolicybinding-shipshape-acme-image-tag-pinned.yaml"));
    }

    @Test
    void theExportFollowsTheSettingsAndAnAppThatDoesNotOptInHasNone() throws Exception {
        Path spec = Files.createDirectories(temp.resolve("specs")).resolve("acme.yaml");
        Files.copy(ROOT.resolve("specs/acme.yaml"), spec);
        Compilation without = new Shipshape(PolicySettings.DEFAULTS.withDisabledRule("image-digest")).compile(List.of(spec));
        assertTrue(without.models().get(0).defaults().stream().anyMatch(o -> o.getMetadata().getName().equals("shipshape-acme-image-tag-pinned")));
        assertTrue(without.models().get(0).defaults().stream().noneMatch(o -> o.getMetadata().getName().equals("shipshape-acme-image-digest")),
                "a disabled rule is not enforced in the cluster either");

        Files.writeString(spec, Files.readString(spec).replace("admissionPolicies: true", "admissionPolicies: false"));
        Compilation off = new Shipshape().compile(List.of(spec));
        assertTrue(off.models().get(0).defaults().stream().noneMatch(o -> o.getKind().startsWith("ValidatingAdmissionPolicy")));
        assertTrue(off.output().files().keySet().stream().noneMatch(path -> path.contains("validatingadmissionpolicy")));
    }

    @Test
    void theCommittedOverlayDeliversThePolicies() throws Exception {
        int exportable = new AdmissionPolicyExport(PolicyEngine.builder().build().rules()).exportable().size();
        String built = Kubectl.kustomize(ROOT.resolve("output/acme/kustomize/overlays/production"));
        assertEquals(exportable, built.lines().filter(l -> l.equals("kind: ValidatingAdmissionPolicy")).count());
        assertEquals(exportable, built.lines().filter(l -> l.equals("kind: ValidatingAdmissionPolicyBinding")).count());
    }
}
