package dev.shipshape;

import dev.shipshape.output.RepositoryPath;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.testing.InlineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Flux objects name the output's real place in the repository (issue 16: a custom output directory). */
class DeliveryPathTest {

    private static final String SPEC = """
            tls: { issuer: letsencrypt-staging, email: ops@example.com }
            components:
              web:
                type: web
                image: example/shop:1.0.0
                port: 8080
                route: { host: shop.example.com }
                resources: { cpu: 100m, memory: 128Mi }
            environments:
              staging: {}
            delivery:
              repository: https://github.com/example/gitops
            %s
            clusters:
              - { name: shop-staging, environment: staging, method: %s }
            """;

    @TempDir
    Path temp;

    @Test
    void theRepositoryIsTheNearestDirectoryWithGitOrElseTheProject() throws Exception {
        Path repository = Files.createDirectories(temp.resolve("repo/.git"));
        Path project = Files.createDirectories(temp.resolve("repo/apps/shop"));
        assertEquals(Optional.of("apps/shop/deploy/gitops"), RepositoryPath.of(project.resolve("deploy/gitops"), project));
        assertEquals(Optional.of(""), RepositoryPath.of(repository.getParent(), project), "the repository's root");

        Path worktree = Files.createDirectories(temp.resolve("worktree"));
        Files.writeString(worktree.resolve(".git"), "gitdir: /elsewhere/.git/worktrees/worktree\n");
        assertEquals(Optional.of("output"), RepositoryPath.of(worktree.resolve("output"), worktree), "a linked work tree's .git file");

        Path plain = Files.createDirectories(temp.resolve("plain/project"));
        assertEquals(Optional.of("gitops"), RepositoryPath.of(plain.resolve("gitops"), plain), "no Git: the project directory");
        assertEquals(Optional.empty(), RepositoryPath.of(temp.resolve("plain/elsewhere"), plain), "outside both: unknown");
    }

    @Test
    void aSpecWithoutDeliveryPathGetsWhereTheOutputIs() throws Exception {
        String kustomization = flux("", "kustomize", "deploy/gitops", "shop.yaml");
        assertTrue(kustomization.contains("path: ./deploy/gitops/shop/kustomize/overlays/staging\n"), kustomization);

        String helm = flux("", "helm", "gitops", "shop/helmrelease.yaml");
        assertTrue(helm.contains("chart: ./gitops/shop/helm/shop\n"), helm);
        assertTrue(flux("", "helm", "gitops", "shop.yaml").contains("path: ./gitops/clusters/shop-staging/shop\n"));

        assertTrue(flux("", "kustomize", "", "shop.yaml").contains("path: ./shop/kustomize/overlays/staging\n"), "the root");
        assertTrue(flux("", "kustomize", null, "shop.yaml").contains("path: ./output/shop/kustomize/overlays/staging\n"),
                "unknown: the documented default");
    }

    @Test
    void aSpecThatSetsDeliveryPathKeepsIt() throws Exception {
        // the output is committed to another repository (spec.delivery.repository) under its own path
        String kustomization = flux("  path: kubernetes", "kustomize", "deploy/gitops", "shop.yaml");
        assertTrue(kustomization.contains("path: ./kubernetes/shop/kustomize/overlays/staging\n"), kustomization);
    }

    private String flux(String deliveryPath, String method, String outputInRepository, String file) throws Exception {
        Path spec = InlineSpec.application("shop").write(temp, SPEC.formatted(deliveryPath, method));
        Shipshape shipshape = new Shipshape(PolicySettings.DEFAULTS, outputInRepository);
        return shipshape.compile(List.of(spec)).output().files().get("clusters/shop-staging/" + file);
    }
}
