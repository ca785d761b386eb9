package dev.shipshape;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Specs a new user writes that used to crash with a stack trace instead of compiling: each is also
 * a stored fuzz input ({@code SpecFuzzTestInputs/arbitraryBytes/}).
 */
class NewUserCrashTest {

    private static final Path INPUTS = Path.of("src/test/resources/dev/shipshape/SpecFuzzTestInputs/arbitraryBytes");

    private final Shipshape shipshape = new Shipshape();

    /** No delivery and no clusters: Kustomize and Helm output, no Flux objects, a runbook without Flux recovery. */
    @Test
    void aSpecWithoutDeliveryCompilesWithoutFlux() throws Exception {
        Compilation compilation = shipshape.compile(List.of(INPUTS.resolve("no-delivery.yaml")));
        var files = compilation.output().files();
        assertTrue(files.containsKey("solo/kustomize/base/deployment-api.yaml"), files.keySet().toString());
        assertTrue(files.keySet().stream().anyMatch(f -> f.startsWith("solo/helm/solo/")), files.keySet().toString());
        assertFalse(files.keySet().stream().anyMatch(f -> f.startsWith("clusters/")), files.keySet().toString());
        String runbook = files.get("solo/RUNBOOK.md");
        assertTrue(runbook.contains("The spec has no `spec.delivery`"), runbook);
        assertFalse(runbook.contains("null"), runbook);
    }

    /** The default ACME issuer is needed only for a route: without one it is neither emitted nor does it need an e-mail. */
    @Test
    void aLetsEncryptIssuerWithoutRoutesNeedsNoEmail() throws Exception {
        Compilation compilation = shipshape.compile(List.of(INPUTS.resolve("default-issuer-without-routes.yaml")));
        var files = compilation.output().files();
        assertTrue(files.containsKey("quiet/kustomize/base/deployment-worker.yaml"), files.keySet().toString());
        assertFalse(files.keySet().stream().anyMatch(f -> f.contains("issuer-")), files.keySet().toString());
        assertFalse(files.keySet().stream().anyMatch(f -> f.contains("acme-http01-solver")), files.keySet().toString());
    }
}
