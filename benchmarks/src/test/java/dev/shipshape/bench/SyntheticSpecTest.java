package dev.shipshape.bench;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.spec.ApplicationSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The synthetic specs the benchmarks measure load without a problem and have the promised shape. */
class SyntheticSpecTest {

    @Test
    void aTwentyComponentSpecCompilesWithThreeEnvironments(@TempDir Path directory) throws Exception {
        Path file = new SyntheticSpec(20).writeTo(directory);
        Compilation compilation = new Shipshape().compile(List.of(file));
        ApplicationSpec spec = compilation.specs().get(0);
        assertEquals(20, spec.defaults().components().size());
        assertEquals(List.of("dev", "production", "staging"), List.copyOf(spec.environments().keySet()));
        assertEquals(18, spec.environments().get("dev").components().size(), "dev drops each cell's notify component");
        assertTrue(compilation.output().files().containsKey("shop-20/kustomize/overlays/staging/kustomization.yaml"));
        assertEquals(List.of("cell-000", "cell-001"), List.copyOf(spec.groups().names()), "each cell is a component group");
        assertEquals(java.util.Optional.empty(), spec.groups().of("metrics"), "the Prometheus server stays in the main build");
        assertTrue(compilation.output().files().containsKey("shop-20/kustomize/groups/cell-001/overlays/staging/kustomization.yaml"));
    }

    @Test
    void sizesAreWholeCells() {
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSpec(15));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticSpec(0));
    }
}
