package dev.shipshape.model;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import io.fabric8.kubernetes.api.model.Namespace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The application's Namespace, which holds the volumes, survives Flux's prune and {@code helm uninstall}. */
class DeletionProtectionTest {

    @Test
    void theNamespaceIsNeverPrunedNorUninstalled() throws Exception {
        Compilation compilation = new Shipshape().compile(List.of(dev.shipshape.spec.RepositoryRoot.path().resolve("specs/acme.yaml")));
        Namespace namespace = compilation.models().get(0).defaults().stream()
                .filter(Namespace.class::isInstance).map(Namespace.class::cast).findFirst().orElseThrow();
        assertEquals(Map.of("kustomize.toolkit.fluxcd.io/prune", "disabled", "helm.sh/resource-policy", "keep"),
                namespace.getMetadata().getAnnotations());
        var files = compilation.output().files();
        assertTrue(files.get("acme/kustomize/base/namespace-acme.yaml").contains("kustomize.toolkit.fluxcd.io/prune: disabled"));
        assertTrue(files.get("acme/helm/acme/templates/namespace-acme.yaml").contains("helm.sh/resource-policy: keep"),
                files.get("acme/helm/acme/templates/namespace-acme.yaml"));
        assertTrue(files.get("acme/RUNBOOK.md").contains("The namespace `acme` holds every volume, so no delivery deletes it"));
    }
}
