package dev.shipshape.kind.testkind;

import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.EnvironmentVariables;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.PodSecurity;
import dev.shipshape.model.Pods;
import dev.shipshape.model.Selectors;
import dev.shipshape.model.ServiceAccounts;
import dev.shipshape.model.ServicePorts;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.ImageReferences;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.SpecChecks;
import dev.shipshape.spec.Workload;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

import java.util.List;
import java.util.Optional;

/**
 * A kind that lives only in the test tree — one definition plus its schema branch
 * ({@code echo.schema.json} beside it) — to prove that adding a kind needs no edit of the loader,
 * model builder, renderers, policy engine, runbook or writer.
 */
public final class EchoKind implements ComponentKind<EchoKind.EchoComponent> {

    /** A TCP echo server. */
    public record EchoComponent(String name, ImageReference image, int port, String greeting, Resources resources,
                                Location location) implements Component {

        @Override
        public String type() {
            return "echo";
        }

        @Override
        public String role() {
            return "backend";
        }

        @Override
        public Optional<Endpoint> endpoint() {
            return Optional.of(Endpoint.inCluster(name, port, "tcp"));
        }

        @Override
        public Optional<Workload> workload() {
            return Optional.of(new Workload(Workload.DEPLOYMENT, name, null));
        }
    }

    @Override
    public String type() {
        return "echo";
    }

    @Override
    public Class<EchoComponent> componentClass() {
        return EchoComponent.class;
    }

    @Override
    public EchoComponent bind(ComponentNode node) {
        return new EchoComponent(node.name(), ImageReferences.parse(node.text("image", null)), node.integer("port", 0),
                node.text("greeting", "hello"), node.resources("10m", "16Mi"), node.location());
    }

    /** Port 7 is the well-known echo port, which a restricted pod cannot bind. */
    @Override
    public void check(EchoComponent echo, SpecChecks checks) {
        if (echo.port() < 1024) {
            checks.problem(SpecChecks.pointer(echo) + "/port", "Echo server `" + echo.name() + "` listens on " + echo.port()
                    + ", a privileged port.", "Use a port from 1024 up.");
        }
    }

    @Override
    public void contribute(EchoComponent echo, KindContext context) {
        var labels = context.labels().component(echo);
        context.add(echo.location(), ServiceAccounts.of(context.metadata().of(echo.name(), labels), false));
        context.add(echo.location(), new DeploymentBuilder().withMetadata(context.metadata().of(echo.name(), labels))
                .withNewSpec()
                .withReplicas(1)
                .withSelector(Selectors.matchLabels(context.labels().selector(echo)))
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata()
                .withSpec(Pods.spec(echo.name(), false, PodSecurity.APPLICATION)
                        .withContainers(Pods.container(echo.name(), echo.image(), PodSecurity.APPLICATION)
                                .withPorts(Pods.port("echo", echo.port()))
                                .withEnv(EnvironmentVariables.literal("GREETING", echo.greeting()))
                                .build())
                        .build())
                .endTemplate()
                .endSpec()
                .build());
        context.add(echo.location(), new ServiceBuilder().withMetadata(context.metadata().of(echo.name(), labels))
                .withNewSpec().withType("ClusterIP").withSelector(context.labels().selector(echo))
                .withPorts(ServicePorts.tcp("echo", echo.port(), "echo")).endSpec().build());
        context.add(echo.location(), context.networkPolicies().workload(echo, List.of(), List.of()));
    }

    @Override
    public List<AlertRule> alerts(EchoComponent echo, AlertRules rules) {
        return List.of(new AlertRule("echo", "EchoSilent", "rate(echo_lines_total" + rules.select("job", echo.name()) + "[5m]) == 0",
                "15m", "warning", echo.name(), echo.name() + " echoed nothing for 15 minutes"));
    }

    @Override
    public RunbookFacts runbook(EchoComponent echo) {
        return RunbookFacts.stateless("Deployment `" + echo.name() + "`", "1 replica");
    }
}
