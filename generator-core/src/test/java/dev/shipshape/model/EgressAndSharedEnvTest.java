package dev.shipshape.model;

import dev.shipshape.spec.SpecLoader;
import dev.shipshape.testing.InlineSpec;
import dev.shipshape.testing.StrictSchemas;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static dev.shipshape.model.ModelObjects.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Declared egress, shared env groups, {@code envFrom} secrets and per-environment secrets, from a
 * spec through the loader and the model builder: the NetworkPolicies, containers and
 * ExternalSecrets they become.
 */
class EgressAndSharedEnvTest {

    private static final StrictSchemas SCHEMAS = new StrictSchemas();
    private static final SpecLoader LOADER = new SpecLoader();

    private static final InlineSpec SHOP = InlineSpec.application("shop");

    private static final String SPEC = """
            secrets:
              db-credentials:
                externalSecret:
                  store: vault
                  data: {password: shop/production/db/password, username: shop/production/db/username}
              mail: {existing: shop-mail}
            envGroups:
              django:
                DJANGO_SETTINGS_MODULE: shop.settings
                DATABASE_HOST: ${db.host}
                DATABASE_PASSWORD: {secret: db-credentials, key: password}
                LOG_LEVEL: info
            components:
              web:
                type: web
                image: ghcr.io/example/shop:1.0.0
                port: 8000
                envFrom: [django, {secret: mail}]
                env:
                  LOG_LEVEL: debug
                  PORT: "8000"
                uses: [db]
                egress:
                  - {host: smtp.mailgun.org, port: 587, cidrs: [34.160.0.0/16, 2600:1900::/28]}
                  - {host: updates.maxmind.com, anywhere: true, port: 443, reason: MaxMind serves its databases from a CDN}
              digest:
                type: cronjob
                image: ghcr.io/example/shop:1.0.0
                schedule: "0 6 * * *"
                envFrom: [django]
                uses: [db]
                egress:
                  - {cidrs: [192.0.2.0/24], ports: [514], protocol: udp}
              db:
                type: postgres
                version: "16"
                database: shop
                credentials: db-credentials
                storage: 1Gi
              metrics:
                type: prometheus
                alertmanagers: [https://alertmanager.ops.example.com]
                egress:
                  - {host: alertmanager.ops.example.com, port: 443, cidrs: [198.51.100.0/24]}
            environments:
              staging:
                envGroups:
                  django: {DJANGO_SETTINGS_MODULE: shop.settings.staging}
                secrets:
                  db-credentials:
                    externalSecret:
                      store: vault-staging
                      data: {password: shop/staging/db/password, username: shop/staging/db/username}
              production: {}
            """;

    @TempDir
    Path dir;

    private ApplicationModel model() throws Exception {
        return SHOP.model(dir, SPEC);
    }

    @Test
    void aHostWithCidrsBecomesARuleToThoseBlocksOnItsPort() throws Exception {
        NetworkPolicy web = get(model().defaults(), NetworkPolicy.class, "web");
        NetworkPolicyEgressRule smtp = rule(web, 587);
        assertEquals(List.of("34.160.0.0/16", "2600:1900::/28"), smtp.getTo().stream().map(p -> p.getIpBlock().getCidr()).toList());
        assertTrue(smtp.getTo().stream().allMatch(p -> p.getIpBlock().getExcept().isEmpty()));
        assertEquals("TCP", smtp.getPorts().get(0).getProtocol());
        assertEquals("smtp.mailgun.org:587, updates.maxmind.com:443",
                web.getMetadata().getAnnotations().get(NetworkPolicies.EGRESS_DESTINATIONS_ANNOTATION));
    }

    @Test
    void anywhereAdmitsPublicAddressesOnlyAndStatesItsReason() throws Exception {
        NetworkPolicy web = get(model().defaults(), NetworkPolicy.class, "web");
        List<IPBlock> blocks = rule(web, 443).getTo().stream().map(NetworkPolicyPeer::getIpBlock).toList();
        assertEquals("0.0.0.0/0", blocks.get(0).getCidr());
        assertEquals(List.of("10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16"), blocks.get(0).getExcept());
        assertEquals("::/0", blocks.get(1).getCidr());
        assertEquals(List.of("fc00::/7", "fe80::/10"), blocks.get(1).getExcept());
        assertEquals("updates.maxmind.com:443: MaxMind serves its databases from a CDN",
                web.getMetadata().getAnnotations().get(NetworkPolicies.EGRESS_ANYWHERE_ANNOTATION));
    }

    @Test
    void prometheusReachesAnAlertmanagerOutsideTheClusterThroughItsEgress() throws Exception {
        NetworkPolicy metrics = get(model().defaults(), NetworkPolicy.class, "metrics");
        assertTrue(metrics.getSpec().getEgress().stream().anyMatch(r -> r.getPorts().get(0).getPort().getIntVal() == 443
                && r.getTo().size() == 1 && r.getTo().get(0).getIpBlock() != null && "198.51.100.0/24".equals(r.getTo().get(0).getIpBlock().getCidr())), () -> metrics.getSpec().getEgress().toString());
        assertEquals("alertmanager.ops.example.com:443", metrics.getMetadata().getAnnotations().get(NetworkPolicies.EGRESS_DESTINATIONS_ANNOTATION));
    }

    @Test
    void cidrsAloneKeepTheirProtocolAndNoPolicyWithoutAnywhereGetsAReason() throws Exception {
        NetworkPolicy digest = get(model().defaults(), NetworkPolicy.class, "digest");
        NetworkPolicyEgressRule syslog = rule(digest, 514);
        assertEquals("UDP", syslog.getPorts().get(0).getProtocol());
        assertEquals("192.0.2.0/24", syslog.getTo().get(0).getIpBlock().getCidr());
        assertNull(digest.getMetadata().getAnnotations().get(NetworkPolicies.EGRESS_ANYWHERE_ANNOTATION));
        assertEquals("192.0.2.0/24:514", digest.getMetadata().getAnnotations().get(NetworkPolicies.EGRESS_DESTINATIONS_ANNOTATION));
    }

    @Test
    void groupVariablesComeFirstTheOwnEnvWinsAndSecretsBecomeEnvFrom() throws Exception {
        Container web = get(model().defaults(), Deployment.class, "web").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("DJANGO_SETTINGS_MODULE", "DATABASE_HOST", "DATABASE_PASSWORD", "LOG_LEVEL", "PORT"),
                web.getEnv().stream().map(EnvVar::getName).toList());
        assertEquals("debug", value(web, "LOG_LEVEL"));
        assertEquals("db", value(web, "DATABASE_HOST"));
        assertEquals("db-credentials", web.getEnv().get(2).getValueFrom().getSecretKeyRef().getName());
        assertEquals(List.of("shop-mail"), web.getEnvFrom().stream().map(e -> e.getSecretRef().getName()).toList());
        Container digest = get(model().defaults(), CronJob.class, "digest").getSpec().getJobTemplate().getSpec().getTemplate().getSpec()
                .getContainers().get(0);
        assertEquals("info", value(digest, "LOG_LEVEL"));
        assertTrue(digest.getEnvFrom().isEmpty());
    }

    @Test
    void anEnvironmentOverridesAGroupVariableForEveryComponentThatTakesIt() throws Exception {
        List<HasMetadata> staging = model().environments().get("staging");
        assertEquals("shop.settings.staging", value(get(staging, Deployment.class, "web").getSpec().getTemplate().getSpec().getContainers().get(0),
                "DJANGO_SETTINGS_MODULE"));
        assertEquals("shop.settings.staging", value(get(staging, CronJob.class, "digest").getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec().getContainers().get(0), "DJANGO_SETTINGS_MODULE"));
    }

    @Test
    void eachEnvironmentsExternalSecretReadsItsOwnStoreAndRemoteKeys() throws Exception {
        ApplicationModel model = model();
        assertEquals(Map.of("store", "vault", "key", "shop/production/db/password"), source(model.environments().get("production")));
        assertEquals(Map.of("store", "vault-staging", "key", "shop/staging/db/password"), source(model.environments().get("staging")));
    }

    @Test
    void theRunbookListsEachDestinationWithItsAddressesAndReason() throws Exception {
        String runbook = new dev.shipshape.render.docs.RunbookRenderer().markdown(model());
        assertTrue(runbook.contains("| `web` | smtp.mailgun.org:587 | 34.160.0.0/16, 2600:1900::/28 | - |"), runbook);
        assertTrue(runbook.contains("| `web` | updates.maxmind.com:443 | any public address | MaxMind serves its databases from a CDN |"), runbook);
        assertTrue(runbook.contains("| `digest` | 192.0.2.0/24:514 | 192.0.2.0/24 | - |"), runbook);
    }

    @Test
    void everyRuleToEveryAddressStatesItsReasonButAnExternalDatabaseWithoutCidrDoesNot() throws Exception {
        dev.shipshape.policy.PolicyEngine engine = dev.shipshape.policy.PolicyEngine.builder().build();
        assertEquals(List.of(), reasonFindings(engine.evaluate(model())));
        String external = SPEC.replace("    storage: 1Gi\n", "    external: {host: db.example.com}\n");
        List<String> flagged = reasonFindings(engine.evaluate(SHOP.model(dir, external)));
        assertTrue(!flagged.isEmpty() && flagged.stream().allMatch(name -> name.equals("NetworkPolicy/shop/web")
                || name.equals("NetworkPolicy/shop/digest")), flagged.toString());
    }

    private static List<String> reasonFindings(dev.shipshape.policy.PolicyReport report) {
        return report.findings().stream().filter(f -> f.ruleId().equals("egress-anywhere-reason"))
                .map(f -> f.object().toString()).distinct().toList();
    }

    @Test
    void theObjectsPassTheStrictSchemas() throws Exception {
        SCHEMAS.assertValid(model().environments().values().stream().flatMap(List::stream).toList());
    }

    private static NetworkPolicyEgressRule rule(NetworkPolicy policy, int port) {
        return policy.getSpec().getEgress().stream()
                .filter(r -> r.getPorts().stream().anyMatch(p -> Objects.equals(p.getPort().getIntVal(), port)))
                .findFirst().orElseThrow(() -> new AssertionError("no egress rule on port " + port + " in " + policy.getSpec().getEgress()));
    }

    private static String value(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> source(List<HasMetadata> objects) {
        GenericKubernetesResource secret = objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast)
                .filter(o -> o.getKind().equals("ExternalSecret") && o.getMetadata().getName().equals("db-credentials"))
                .findFirst().orElseThrow();
        Map<String, Object> spec = (Map<String, Object>) secret.getAdditionalProperties().get("spec");
        Map<String, Object> store = (Map<String, Object>) spec.get("secretStoreRef");
        List<Map<String, Object>> data = (List<Map<String, Object>>) spec.get("data");
        Map<String, Object> remote = (Map<String, Object>) data.get(0).get("remoteRef");
        return Map.of("store", (String) store.get("name"), "key", (String) remote.get("key"));
    }
}
