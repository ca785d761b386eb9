package dev.shipshape.kind.testkind;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.kind.ComponentKinds;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.spec.SpecException;
import dev.shipshape.testing.InlineSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A kind defined only in the test tree ({@link EchoKind}) goes through the whole pipeline — schema,
 * binding, its own check, objects, NetworkPolicies, connection references, alerts, Kustomize, Helm,
 * runbook, policies — with no edit outside its definition and its schema branch.
 */
class ExtensionKindTest {

    @TempDir
    Path dir;

    private final ComponentKinds kinds = ComponentKinds.standard().with(List.of(new EchoKind()));
    private final Shipshape shipshape = new Shipshape(PolicySettings.DEFAULTS, kinds);

    private Path spec(String echo) throws Exception {
        return InlineSpec.application("chat").write(dir, """
                monitoring: {}
                components:
                  echo:
                %s
                  api:
                    type: web
                    image: ghcr.io/chat/api:1.0.0
                    port: 8080
                    env: {ECHO_URL: "${echo.url}"}
                    uses: [echo]
                environments:
                  production:
                    components: {echo: {greeting: hi}}
                """.formatted(echo));
    }

    @Test
    void aTestOnlyKindCompilesAndRenders() throws Exception {
        Compilation compilation = shipshape.compile(List.of(spec("    {type: echo, image: ghcr.io/chat/echo:2.0.0, port: 7000}")));
        var files = compilation.output().files();

        String deployment = files.get("chat/kustomize/base/deployment-echo.yaml");
        assertTrue(deployment.contains("containerPort: 7000"), deployment);
        assertTrue(deployment.contains("value: hello"), deployment);
        assertTrue(files.get("chat/kustomize/base/service-echo.yaml").contains("port: 7000"));
        assertTrue(String.join("\n", files.keySet()).contains("chat/kustomize/overlays/production/"), files.keySet().toString());
        assertTrue(files.get("chat/kustomize/base/deployment-api.yaml").contains("value: tcp://echo:7000"),
                "the api's ${echo.url} is the echo kind's endpoint");
        String policy = files.get("chat/kustomize/base/networkpolicy-echo.yaml");
        assertTrue(policy.contains("port: 7000") && policy.contains("app.kubernetes.io/name: api"), policy);
        String rules = files.get("chat/kustomize/base/prometheusrule-chat.yaml");
        assertTrue(rules.contains("name: chat-echo") && rules.contains("alert: EchoSilent"), rules);
        assertTrue(rules.contains("kube_deployment_status_replicas_available{namespace=\\\"chat\\\", deployment=\\\"echo\\\"}"),
                "the shared availability rule follows the kind's workload: " + rules);
        assertTrue(files.get("chat/RUNBOOK.md").contains("| `echo` | echo | Deployment `echo` | 7000 | internal | 1 replica |"),
                files.get("chat/RUNBOOK.md"));
        assertTrue(files.keySet().stream().anyMatch(f -> f.startsWith("chat/helm/chat/templates/")), "a Helm chart is rendered");
        assertTrue(compilation.policy().findings().stream().anyMatch(f -> "echo".equals(f.component())),
                "the policies judge the new kind's objects");
    }

    @Test
    void theKindsSchemaBranchAndOwnCheckReportProblems() throws Exception {
        SpecException error = assertThrows(SpecException.class,
                () -> shipshape.compile(List.of(spec("    {type: echo, image: ghcr.io/chat/echo:2.0.0, port: 7, greting: x}"))));
        String message = error.getMessage();
        assertTrue(message.contains("chat.yaml:7:"), message);
        assertTrue(message.contains("Unknown field `greting`") && message.contains("Did you mean `greeting`?"), message);
        assertTrue(message.contains("Echo server `echo` listens on 7, a privileged port."),
                "the kind's own check still runs on the component once the unknown field is left out: " + message);
    }

    @Test
    void theKindsOwnCheckRunsOnABoundSpec() throws Exception {
        SpecException error = assertThrows(SpecException.class,
                () -> shipshape.compile(List.of(spec("    {type: echo, image: ghcr.io/chat/echo:2.0.0, port: 7}"))));
        assertEquals(1, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().contains("Echo server `echo` listens on 7, a privileged port."), error.getMessage());
    }

    @Test
    void theStandardKindsRejectTheTestKind() throws Exception {
        SpecException error = assertThrows(SpecException.class,
                () -> new Shipshape().compile(List.of(spec("    {type: echo, image: ghcr.io/chat/echo:2.0.0, port: 7000}"))));
        assertTrue(error.getMessage().contains("not one of `web`, `worker`, `cronjob`, `job`, `postgres`, `cache`, `stateful`, `prometheus`"),
                error.getMessage());
    }
}
