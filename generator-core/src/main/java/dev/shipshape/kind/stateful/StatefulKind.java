package dev.shipshape.kind.stateful;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipshape.kind.ComponentKind;
import dev.shipshape.kind.ComponentNode;
import dev.shipshape.kind.RunbookFacts;
import dev.shipshape.model.AlertRule;
import dev.shipshape.model.AlertRules;
import dev.shipshape.model.KindContext;
import dev.shipshape.model.ObjectExemption;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.model.CronJobs;
import dev.shipshape.spec.ImageReferences;
import dev.shipshape.spec.JsonPointers;
import dev.shipshape.spec.PodVolume;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.ServedPort;
import dev.shipshape.spec.SpecChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code stateful} kind: a generic database-like service from an image ({@link StatefulObjects}),
 * so ClickHouse, Elasticsearch or MinIO do not wait for a dedicated kind — a StatefulSet with volume
 * claims that survive its deletion, its ports, probes, uid, config files and an optional backup
 * CronJob ({@link StatefulBackup}) with its age and failure alerts.
 */
public final class StatefulKind implements ComponentKind<StatefulComponent> {

    /** The spec {@code type}. */
    public static final String TYPE = "stateful";
    /** The URL scheme of {@code ${<name>.url}} when the spec gives none. */
    static final String DEFAULT_SCHEME = "tcp";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Class<StatefulComponent> componentClass() {
        return StatefulComponent.class;
    }

    @Override
    public StatefulComponent bind(ComponentNode node) {
        List<ServedPort> ports = ServedPort.read(node.path("ports"), node.pointer() + "/ports", ServedPort.Protocol.TCP);
        JsonNode backup = node.path("backup");
        int port = node.integer("port", 0);
        ProbeSet declared = ProbeSet.read(node.path("probes"), node.pointer() + "/probes");
        Probe readiness = declared.readiness() != null ? declared.readiness() : Probe.tcp(StatefulComponent.MAIN_PORT, null);
        return new StatefulComponent(
                node.name(),
                node.pod(0),                       // the schema requires securityContext.runAsUser: no default uid
                node.integer("replicas", 1),
                node.env(),
                port,
                node.text("scheme", DEFAULT_SCHEME),
                ports,
                new ProbeSet(readiness, declared.liveness() != null ? declared.liveness() : Probe.tcp(StatefulComponent.MAIN_PORT, null),
                        declared.startup() != null ? declared.startup() : readiness),
                node.texts("uses"),
                node.egress(),
                node.envFromSecrets(),
                node.resources("250m", "512Mi"),
                node.present("backup")
                        ? new StatefulComponent.StoreBackup(backup.path("schedule").asText(),
                                ImageReferences.parse(backup.path("image").asText()), ComponentNode.texts(backup, "command"))
                        : null,
                node.location());
    }

    /**
     * Port names, container ports and Service ports are unique, no further port asks for {@code tls}, probes name declared ports, the backup schedule is valid
     * (mounts and config files are the shared pod checks').
     */
    @Override
    public void check(StatefulComponent store, SpecChecks checks) {
        String at = SpecChecks.pointer(store);
        Map<String, String> numbers = new HashMap<>();
        numbers.put(store.port() + "/TCP", StatefulComponent.MAIN_PORT);
        Map<String, String> servicePorts = new HashMap<>(numbers);
        for (ServedPort port : store.ports()) {
            String pointer = port.pointer();
            String transport = "/" + port.protocol().transport();
            if (port.name().equals(StatefulComponent.MAIN_PORT)) {
                checks.problem(pointer, "Port name `" + StatefulComponent.MAIN_PORT + "` of `" + store.name()
                                + "` is already the name of `port` (" + store.port() + "); two ports would share one name.",
                        "Rename this port, for example to the protocol it speaks.");
            }
            String other = numbers.putIfAbsent(port.port() + transport, port.name());
            if (other != null) {
                checks.problem(pointer, "Ports `" + other + "` and `" + port.name() + "` of `" + store.name() + "` are both "
                        + port.port() + transport + ".", "Give each port its own number, or remove one.");
            }
            String otherService = servicePorts.putIfAbsent(port.servicePort() + transport, port.name());
            if (other == null && otherService != null) {
                checks.problem(pointer + "/servicePort", "Ports `" + otherService + "` and `" + port.name() + "` of `" + store.name()
                        + "` are both Service port " + port.servicePort() + transport + "; a Service cannot serve one port twice.",
                        "Give this port another servicePort.");
            }
            if (port.servesTls()) {
                checks.problem(pointer + "/tls", "Port `" + port.name() + "` of `" + store.name() + "` asks for `tls`, which shipshape mounts"
                                + " only for web components; a stateful store's further ports are reached by its own pods and backup.",
                        "Remove `tls` and mount the store's certificate as a secret volume, or run the TLS endpoint as a web component.");
            }
        }
        List<String> tcp = new ArrayList<>();
        store.allPorts().stream().filter(ServedPort::isTcp).forEach(p -> {
            tcp.add(p.name());
            tcp.add(Integer.toString(p.port()));
        });
        store.probes().checkPorts(store.name(), tcp, checks);
        if (store.backup() != null) {
            checks.cron(store.backup().schedule(), at + "/backup/schedule");
        }
    }

    @Override
    public void contribute(StatefulComponent store, KindContext context) {
        StatefulObjects objects = new StatefulObjects(context);
        context.add(store.location(), objects.objects(store));
        context.add(store.location(), objects.networkPolicy(store, context.networkPolicies()));
        if (store.replicas() < 2) {
            context.exempt(List.of(new ObjectExemption("pdb-exists", ObjectKey.of(objects.statefulSet(store)),
                    "one replica: a PodDisruptionBudget with maxUnavailable 1 would allow every drain anyway, and one with"
                            + " minAvailable 1 would block drains forever; the budget comes with replicas: 2 or more")));
        }
        if (store.backup() != null) {
            StatefulBackup backup = new StatefulBackup(context);
            context.add(store.location(), backup.objects(store));
            context.add(store.location(), backup.networkPolicy(store, context.networkPolicies()));
        }
    }

    /** With a backup: the newest backup is not older than its schedule allows, and none failed. */
    @Override
    public List<AlertRule> alerts(StatefulComponent store, AlertRules rules) {
        if (store.backup() == null) {
            return List.of();
        }
        return List.of(
                rules.lastSuccessTooOld("backups", "BackupTooOld", store.backupName(),
                        CronJobs.maxAge(store.backup().schedule(), StatefulBackup.DEADLINE_SECONDS, rules.gaps()), "critical", store.name(),
                        "the newest successful backup of " + store.name()),
                rules.latestRunFailed("backups", "BackupFailed", store.backupName(), StatefulBackup.DEADLINE_SECONDS, "critical",
                        store.name(), "the latest backup of " + store.name() + " failed"));
    }

    @Override
    public RunbookFacts runbook(StatefulComponent store) {
        List<PodVolume> claims = store.pod().volumes().stream().filter(PodVolume::persistent).toList();
        String volumes = String.join(", ", claims.stream().map(v -> v.name() + " " + v.claim().size()).toList());
        String workload = "StatefulSet `" + store.name() + "`" + (claims.isEmpty() ? "" : ", volumes " + volumes);
        String scaling = store.replicas() + (store.replicas() == 1 ? " replica" : " replicas, started in order");
        String data = "`" + store.name() + "` (`" + store.image().reference() + "`): "
                + (claims.isEmpty() ? "no volume; its data is lost with its pods." : "data on volumes " + volumes
                + " per pod, kept when the StatefulSet is deleted or scaled down (claims are retained). ")
                + (store.backup() == null
                        ? (claims.isEmpty() ? "" : "No backup copies them; restore from storage snapshots of your provider.")
                        : "CronJob `" + store.backupName() + "` runs `" + String.join(" ", store.backup().command()) + "` on `"
                                + store.backup().schedule() + "` (UTC); restoring is the image's own procedure, run in pod `" + store.name() + "-0` (`kubectl exec`).");
        return new RunbookFacts(workload, scaling, null, data.strip());
    }
}
