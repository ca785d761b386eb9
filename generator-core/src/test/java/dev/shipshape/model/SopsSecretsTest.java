package dev.shipshape.model;

import dev.shipshape.InputFingerprint;
import dev.shipshape.output.OutputTree;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.render.ObjectDiff;
import dev.shipshape.render.ObjectYaml;
import dev.shipshape.render.kustomize.KustomizeRenderer;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecLoader;
import dev.shipshape.spec.SpecProblem;
import dev.shipshape.testing.InlineSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code spec.secrets.<name>.sops}: a sops-encrypted Secret manifest committed next to the spec,
 * checked but never decrypted, copied verbatim into the overlays of the environments that use it
 * and decrypted by Flux. The fixtures under {@code src/test/resources/sops/} are sops 3.9-format
 * files (age recipient, AES-256-GCM values, encrypted MAC) for a throwaway key; the {@code .plain}
 * one is the same Secret before {@code sops --encrypt}.
 */
class SopsSecretsTest {

    private static final SpecLoader LOADER = new SpecLoader();
    private static final InlineSpec SHOP = InlineSpec.application("shop");

    private static final String SPEC = """
            secrets:
              db-credentials:
                sops: secrets/db.sops.yaml
            components:
              web:
                type: web
                image: registry.example.com/shop/web:1.0.0
                port: 8080
                env:
                  DB_PASSWORD: { secret: db-credentials, key: password }
                uses: [db]
              db:
                type: postgres
                credentials: db-credentials
            environments:
              dev:
                secrets:
                  db-credentials: { sops: null, existing: shop-db }
              staging:
                secrets:
                  db-credentials: { sops: secrets/db.staging.sops.yaml }
              production: {}
            delivery:
              repository: https://github.com/example/gitops
            clusters:
              - { name: dev-1, environment: dev }
              - { name: staging-1, environment: staging }
              - { name: production-1, environment: production }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void fixtures() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        copy("db-credentials.sops.yaml", "secrets/db.sops.yaml");
        copy("db-credentials.staging.sops.yaml", "secrets/db.staging.sops.yaml");
        copy("db-credentials.plain.yaml", "secrets/db.plain.yaml");
    }

    @Test
    void encryptedSecretIsCopiedVerbatimIntoItsEnvironmentsOverlayAndTheirFluxKustomizationsDecryptIt() throws Exception {
        ApplicationModel model = SHOP.model(dir, SPEC);
        OutputTree tree = new OutputTree();
        new KustomizeRenderer(new ObjectYaml(), new ObjectDiff()).render(model, tree);

        Map<String, String> files = tree.files();
        assertEquals(read("secrets/db.sops.yaml"), files.get("shop/kustomize/overlays/production/secret-db-credentials.sops.yaml"));
        assertEquals(read("secrets/db.staging.sops.yaml"), files.get("shop/kustomize/overlays/staging/secret-db-credentials.sops.yaml"));
        assertTrue(files.keySet().stream().noneMatch(path -> path.startsWith("shop/kustomize/overlays/dev/secret-")
                || path.startsWith("shop/kustomize/base/secret-")), "dev reads an existing Secret; the base holds no sops file");
        assertTrue(files.get("shop/kustomize/overlays/production/kustomization.yaml").contains("\n  - secret-db-credentials.sops.yaml\n"),
                files.get("shop/kustomize/overlays/production/kustomization.yaml"));
        assertTrue(model.environments().values().stream().flatMap(List::stream)
                .noneMatch(object -> object.getKind().equals("Secret")), "the encrypted Secret is no model object");

        Deployment web = (Deployment) model.environments().get("production").stream()
                .filter(object -> object.getKind().equals("Deployment") && object.getMetadata().getName().equals("web")).findFirst().orElseThrow();
        assertEquals("db-credentials", web.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().equals("DB_PASSWORD")).findFirst().orElseThrow().getValueFrom().getSecretKeyRef().getName());

        Map<String, Object> decryption = Map.of("provider", "sops", "secretRef", Map.of("name", "sops-age"));
        assertEquals(decryption, kustomizationSpec(model, "production-1").get("decryption"));
        assertEquals(decryption, kustomizationSpec(model, "staging-1").get("decryption"));
        assertNull(kustomizationSpec(model, "dev-1").get("decryption"), "dev has nothing to decrypt");
    }

    @Test
    void theKeySecretIsSetInDelivery() throws Exception {
        ApplicationModel model = SHOP.model(dir, SPEC.replace(
                "  repository: https://github.com/example/gitops\n",
                "  repository: https://github.com/example/gitops\n  decryptionSecret: sops-gpg\n"));
        assertEquals(Map.of("provider", "sops", "secretRef", Map.of("name", "sops-gpg")), kustomizationSpec(model, "production-1").get("decryption"));
    }

    @Test
    void aSecretInPlainTextWhereAnEncryptedOneIsDeclaredIsAnErrorAtItsFirstValue() throws Exception {
        Path spec = write(SPEC.replace("sops: secrets/db.sops.yaml", "sops: secrets/db.plain.yaml"));
        SpecProblem problem = only(assertThrows(SpecException.class, () -> LOADER.load(spec)));
        assertEquals(new Location(dir.resolve("secrets/db.plain.yaml").toAbsolutePath().normalize(), 8, 15), problem.location(), problem.toString());
        assertTrue(problem.message().contains("is not encrypted: it has no top-level `sops:` metadata"), problem.message());
        assertTrue(problem.fix().contains("sops --encrypt --in-place --encrypted-regex '^(data|stringData)$' --age <recipient> secrets/db.plain.yaml"),
                problem.fix());
    }

    @Test
    void aValueAddedInClearTextAfterEncryptionIsAnErrorAtThatValue() throws Exception {
        Files.writeString(dir.resolve("secrets/db.sops.yaml"), read("secrets/db.sops.yaml").replace("\ndata:\n", "\ndata:\n    api-token: c2VjcmV0\n"));
        SpecProblem problem = only(assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC)));
        assertEquals(new Location(dir.resolve("secrets/db.sops.yaml").toAbsolutePath().normalize(), 8, 16), problem.location(), problem.toString());
        assertTrue(problem.message().startsWith("The value of key `api-token` in `secrets/db.sops.yaml` is not encrypted"), problem.message());
        assertTrue(problem.fix().contains("sops edit secrets/db.sops.yaml"), problem.fix());
    }

    @Test
    void sopsMetadataWithoutMacOrRecipientIsAnError() throws Exception {
        String encrypted = read("secrets/db.sops.yaml");
        String withoutMac = encrypted.replaceAll("(?m)^    mac: .*\n", "");
        String withoutRecipient = encrypted.substring(0, encrypted.indexOf("    age:\n"))
                + encrypted.substring(encrypted.indexOf("    lastmodified:"));
        Files.writeString(dir.resolve("secrets/db.sops.yaml"), withoutMac);
        Files.writeString(dir.resolve("secrets/db.staging.sops.yaml"), withoutRecipient);
        SpecException e = assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC));
        List<String> messages = e.problems().stream().map(SpecProblem::toString).toList();
        assertEquals(2, messages.size(), e.getMessage());
        assertTrue(messages.get(0).contains("db.sops.yaml:10:1: error: The sops metadata of `secrets/db.sops.yaml` has no `mac`"), messages.get(0));
        assertTrue(messages.get(1).contains("db.staging.sops.yaml:10:1: error: The sops metadata of `secrets/db.staging.sops.yaml` names no recipient"),
                messages.get(1));
    }

    @Test
    void theSecretMustBeNamedLikeItsEntryAndLiveInTheApplicationsNamespace() throws Exception {
        Path spec = InlineSpec.application("store").write(dir, SPEC.replace("db-credentials", "db"));
        SpecException e = assertThrows(SpecException.class, () -> LOADER.load(spec));
        List<String> messages = e.problems().stream().map(SpecProblem::toString).toList();
        Path file = dir.resolve("secrets/db.sops.yaml").toAbsolutePath().normalize();
        assertTrue(messages.contains(file + ":4:11: error: The Secret in `secrets/db.sops.yaml` is named `db-credentials`, but spec.secrets.db declares "
                + "Secret `db` (a sops Secret is named like its spec entry). Fix: Set `metadata.name: db`. Change it with `sops edit "
                + "secrets/db.sops.yaml` (which updates the MAC); editing the file directly breaks decryption."), String.join("\n", messages));
        assertTrue(messages.stream().anyMatch(m -> m.startsWith(file + ":5:16: error: The Secret in `secrets/db.sops.yaml` is in namespace `shop`, but the "
                + "application runs in `store`")), String.join("\n", messages));
    }

    @Test
    void aKeyTheSpecReadsMustBeInTheFile() throws Exception {
        Path spec = write(SPEC.replace("{ secret: db-credentials, key: password }", "{ secret: db-credentials, key: token }"));
        SpecProblem problem = only(assertThrows(SpecException.class, () -> LOADER.load(spec)));
        assertTrue(problem.message().endsWith("reads key `token` of secret `db-credentials`, which has only password, username."), problem.message());
        assertEquals("Use one of its keys, or add `token` to `secrets/db.sops.yaml` (with `sops edit secrets/db.sops.yaml`).", problem.fix());
    }

    @Test
    void aClusterThatInstallsTheChartWithAHelmReleaseCannotTakeSopsSecrets() throws Exception {
        Path spec = write(SPEC.replace("{ name: staging-1, environment: staging }", "{ name: staging-1, environment: staging, method: helm }"));
        SpecProblem problem = only(assertThrows(SpecException.class, () -> LOADER.load(spec)));
        assertTrue(problem.toString().contains("shop.yaml:31:56: error: Cluster `staging-1` installs the chart with a HelmRelease, but environment `staging` "
                + "reads sops-encrypted secret `db-credentials`: a HelmRelease cannot decrypt"), problem.toString());
        assertTrue(problem.fix().startsWith("Deliver this cluster with `method: kustomize`"), problem.fix());
    }

    @Test
    void aSecretHasExactlyOneSourceAndItsFileMustExist() throws Exception {
        SpecProblem both = only(assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC.replace(
                "    sops: secrets/db.sops.yaml\n", "    sops: secrets/db.sops.yaml\n    existing: shop-db\n"))));
        assertTrue(both.message().endsWith(" must set exactly one of `existing`, `externalSecret`, `sops`, but it sets `existing` and `sops`."),
                both.toString());

        SpecProblem missing = only(assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC.replace("secrets/db.sops.yaml", "secret/db.sops.yaml"))));
        assertEquals(new Location(dir.resolve("shop.yaml"), 7, 13), missing.location(), missing.toString());
        assertTrue(missing.message().startsWith("The sops file `secret/db.sops.yaml` does not exist"), missing.message());
    }

    @Test
    void aSopsFileMustStayUnderTheSpecsDirectory(@TempDir Path elsewhere) throws Exception {
        Path outside = Files.writeString(elsewhere.resolve("db.sops.yaml"), read("secrets/db.sops.yaml"));
        Files.delete(dir.resolve("secrets/db.sops.yaml"));
        Files.createSymbolicLink(dir.resolve("secrets/db.sops.yaml"), outside);
        SpecProblem linked = only(assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC)));
        assertTrue(linked.message().contains("outside the spec's directory"), linked.toString());

        SpecProblem dotDot = only(assertThrows(SpecException.class, () -> SHOP.load(dir, SPEC.replace("secrets/db.sops.yaml", "../db.sops.yaml"))));
        assertTrue(dotDot.message().contains("`spec.secrets.db-credentials.sops`"), dotDot.toString());
    }

    @Test
    void theInputFingerprintCoversTheSopsFilesASpecNames() throws Exception {
        Path spec = write(SPEC);
        Path output = dir.resolve("output");
        String before = InputFingerprint.of(List.of(spec), output, "output", PolicySettings.DEFAULTS, List.of());
        Files.writeString(dir.resolve("secrets/db.staging.sops.yaml"), read("secrets/db.sops.yaml"));
        assertNotEquals(before, InputFingerprint.of(List.of(spec), output, "output", PolicySettings.DEFAULTS, List.of()),
                "a re-encrypted sops file must regenerate the output");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> kustomizationSpec(ApplicationModel model, String cluster) {
        HasMetadata kustomization = model.deliveries().stream().filter(d -> d.cluster().name().equals(cluster)).findFirst().orElseThrow()
                .entry().stream().filter(o -> o.getKind().equals("Kustomization") && o.getMetadata().getName().equals("shop"))
                .findFirst().orElseThrow();
        return (Map<String, Object>) ((GenericKubernetesResource) kustomization).getAdditionalProperties().get("spec");
    }

    private static SpecProblem only(SpecException e) {
        assertEquals(1, e.problems().size(), e.getMessage());
        return e.problems().get(0);
    }

    /**
     * A cluster with overrides runs its environment's encrypted Secret through the environment's
     * overlay, which its own is layered on (so the file is applied once, and decrypted); a sops
     * file of its own would be a second, unpatchable copy of that Secret, which the loader rejects.
     */
    @Test
    void aClusterWithOverridesKeepsItsEnvironmentsEncryptedSecretAndCannotReadOneOfItsOwn() throws Exception {
        String cluster = """
                  - { name: production-1, environment: production }
                  - name: production-2
                    environment: production
                    overrides:
                      components:
                        web: { replicas: 3 }
                """;
        String spec = SPEC.replace("  - { name: production-1, environment: production }\n", cluster);
        ApplicationModel model = SHOP.model(dir, spec);
        OutputTree tree = new OutputTree();
        new KustomizeRenderer(new ObjectYaml(), new ObjectDiff()).render(model, tree);
        assertTrue(tree.files().keySet().stream().noneMatch(path -> path.startsWith("shop/kustomize/overlays/production-2/secret-")),
                "production's overlay applies the encrypted Secret, the cluster's is layered on it");
        assertEquals(Map.of("provider", "sops", "secretRef", Map.of("name", "sops-age")), kustomizationSpec(model, "production-2").get("decryption"));

        String own = spec.replace("        web: { replicas: 3 }\n",
                "        web: { replicas: 3 }\n      secrets:\n        db-credentials: { sops: secrets/db.staging.sops.yaml }\n");
        SpecException e = assertThrows(SpecException.class, () -> SHOP.load(dir, own));
        assertTrue(e.getMessage().contains("Cluster `production-2` reads secret `db-credentials` from a sops file of its own"), e.getMessage());
    }

    private Path write(String body) throws IOException {
        return SHOP.write(dir, body);
    }

    private String read(String path) throws IOException {
        return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
    }

    private void copy(String fixture, String path) throws IOException {
        try (InputStream in = Objects.requireNonNull(SopsSecretsTest.class.getResourceAsStream("/sops/" + fixture), fixture)) {
            Files.write(dir.resolve(path), in.readAllBytes());
        }
    }
}
