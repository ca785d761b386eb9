package dev.shipshape;

import dev.shipshape.output.WriteResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-application summary line of a generate run (issue 16: one line per app). */
class AppSummaryTest {

    private static final Set<String> APPS = Set.of("shop", "cart");

    @Test
    void aFileBelongsToTheApplicationWhoseFolderOrFluxEntryPointItIs() {
        assertEquals(Optional.of("shop"), AppSummary.owner("shop/kustomize/base/deployment-web.yaml", APPS));
        assertEquals(Optional.of("shop"), AppSummary.owner("clusters/eu-production/shop.yaml", APPS));
        assertEquals(Optional.of("cart"), AppSummary.owner("clusters/eu-production/cart/helmrelease.yaml", APPS));
        assertEquals(Optional.empty(), AppSummary.owner("clusters/eu-production/kustomization.yaml", APPS), "shared by the cluster's apps");
        assertEquals(Optional.empty(), AppSummary.owner(".shipshape/index.json", APPS));
        assertEquals(Optional.empty(), AppSummary.owner("other/README.md", APPS));
    }

    @Test
    void aRealRunCountsFilesAndFindingsPerApplication() throws Exception {
        Path root = dev.shipshape.policy.RepositoryRoot.path();
        List<Path> specs = List.of(root.resolve("specs/acme.yaml"), root.resolve("specs/todoozle.yaml"));
        Compilation compilation = new Shipshape().compile(specs);
        List<String> files = List.copyOf(compilation.output().files().keySet());
        WriteResult write = new WriteResult(Path.of("output"), files.subList(0, 3), files.subList(3, files.size()), List.of("acme/old.yaml"));

        List<AppSummary> summaries = AppSummary.of(compilation.specs(), write, compilation.policy());

        assertEquals(List.of("acme", "todoozle"), summaries.stream().map(AppSummary::application).toList());
        long acmeFiles = files.stream().filter(f -> AppSummary.owner(f, Set.of("acme", "todoozle")).equals(Optional.of("acme"))).count();
        AppSummary acme = summaries.get(0);
        assertEquals(acmeFiles, acme.written() + acme.unchanged());
        assertEquals(1, acme.deleted());
        assertEquals(0, summaries.get(1).deleted());
        long findings = compilation.policy().findings().size();
        assertEquals(findings, summaries.stream().mapToLong(s -> s.errors() + s.warnings() + s.info() + s.suppressed()).sum(),
                "every finding is on one of the two specs");
        assertEquals("acme: " + acme.written() + " written, " + acme.unchanged() + " unchanged, 1 deleted; policy: "
                + acme.errors() + " errors, " + acme.warnings() + " warnings, " + acme.info() + " info, " + acme.suppressed() + " suppressed",
                acme.line().replace(" error,", " errors,").replace(" warning,", " warnings,"));
    }
}
