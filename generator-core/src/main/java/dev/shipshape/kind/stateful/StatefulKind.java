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
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.SpecChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
    /** The writable paths when the spec gives none. */
    static final List<String> DEFAULT_WRITABLE_PATHS = List.of("/tmp");

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
        List<StatefulComponent.NamedPort> ports = new ArrayList<>();
        node.path("ports").properties().forEach(p -> ports.add(new StatefulComponent.NamedPort(p.getKey(),
                p.getValue().path("port").asInt(), ComponentNode.text(p.getValue(), "protocol", "TCP"))));
        List<StatefulComponent.StoreVolume> volumes = new ArrayList<>();
        node.path("volumes").properties().forEach(v -> volumes.add(new StatefulComponent.StoreVolume(v.getKey(),
                v.getValue().path("mountPath").asText(), ComponentNode.text(v.getValue(), "size", "10Gi"),
                ComponentNode.text(v.getValue(), "storageClass", null))));
        Map<String, String> configFiles = new LinkedHashMap<>();
        node.path("configFiles").properties().forEach(f -> configFiles.put(f.getKey(), f.getValue().asText()));
        long user = node.integer("runAsUser", 0);
        long group = node.integer("runAsGroup", (int) user);
        JsonNode backup = node.path("backup");
        int port = node.integer("port", 0);
        Probe readiness = Probe.read(node.path("readiness"), node.pointer() + "/readiness");
        Probe liveness = Probe.read(node.path("liveness"), node.pointer() + "/liveness");
        return new StatefulComponent(
                node.name(),
                ImageReferences.parse(node.path("image").asText()),
                node.integer("replicas", 1),
                node.texts("command"),
                node.texts("args"),
                node.env(),
                port,
                node.text("scheme", DEFAULT_SCHEME),
                List.copyOf(ports),
                List.copyOf(volumes),
                user,
                group,
                node.integer("fsGroup", (int) group),
                node.present("writablePaths") ? node.texts("writablePaths") : DEFAULT_WRITABLE_PATHS,
                java.util.Collections.unmodifiableMap(configFiles),
                readiness != null ? readiness : Probe.tcp(StatefulComponent.MAIN_PORT, null),
                liveness != null ? liveness : Probe.tcp(StatefulComponent.MAIN_PORT, null),
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
     * Port names and numbers are unique, probes name declared ports, no path is mounted twice,
     * config files map to distinct ConfigMap keys, the backup schedule is valid.
     */
    @Override
    public void check(StatefulComponent store, SpecChecks checks) {
        String at = SpecChecks.pointer(store);
        Map<String, String> numbers = new HashMap<>();
        numbers.put(store.port() + "/TCP", StatefulComponent.MAIN_PORT);
        for (StatefulComponent.NamedPort port : store.ports()) {
            String pointer = JsonPointers.child(at + "/ports", port.name());
            if (port.name().equals(StatefulComponent.MAIN_PORT)) {
                checks.problem(pointer, "Port name `" + StatefulComponent.MAIN_PORT + "` of `" + store.name()
                                + "` is already the name of `port` (" + store.port() + "); two ports would share one name.",
                        "Rename this port, for example to the protocol it speaks.");
            }
            String other = numbers.putIfAbsent(port.port() + "/" + port.protocol(), port.name());
            if (other != null) {
                checks.problem(pointer, "Ports `" + other + "` and `" + port.name() + "` of `" + store.name() + "` are both "
                        + port.port() + "/" + port.protocol() + ".", "Give each port its own number, or remove one.");
            }
        }
        probe(store, store.readiness(), "readiness", checks);
        probe(store, store.liveness(), "liveness", checks);
        mounts(store, at, checks);
        if (store.backup() != null) {
            checks.cron(store.backup().schedule(), at + "/backup/schedule");
        }
    }

    private static void probe(StatefulComponent store, Probe probe, String which, SpecChecks checks) {
        if (probe.pointer() == null || !probe.usesPort()) {
            return;
        }
        Set<String> declared = new TreeSet<>();
        for (StatefulComponent.NamedPort port : store.allPorts()) {
            if (port.protocol().equals("TCP")) {
                declared.add(port.name());
                declared.add(Integer.toString(port.port()));
            }
        }
        if (!declared.contains(probe.port())) {
            checks.problem(probe.portPointer(), "The " + which + " probe of `" + store.name() + "` connects to port `" + probe.port()
                            + "`, which `" + store.name() + "` does not declare as a TCP port, so the probe could never pass.",
                    "Name one of its TCP ports (" + String.join(", ", declared) + "), or declare the port under `ports`.");
        }
    }

    private static void mounts(StatefulComponent store, String at, SpecChecks checks) {
        Map<String, String> mounted = new HashMap<>();
        for (StatefulComponent.StoreVolume volume : store.volumes()) {
            mount(store, mounted, volume.mountPath(), "volume `" + volume.name() + "`",
                    JsonPointers.child(at + "/volumes", volume.name()) + "/mountPath", checks);
        }
        for (int i = 0; i < store.writablePaths().size(); i++) {
            mount(store, mounted, store.writablePaths().get(i), "writable path", JsonPointers.child(at + "/writablePaths", i), checks);
        }
        Map<String, String> keys = new HashMap<>();
        for (String file : store.configFiles().keySet()) {
            String pointer = JsonPointers.child(at + "/configFiles", file);
            mount(store, mounted, file, "config file", pointer, checks);
            String other = keys.putIfAbsent(StatefulObjects.configKey(file), file);
            if (other != null) {
                checks.problem(pointer, "Config files `" + other + "` and `" + file + "` of `" + store.name()
                                + "` would share the ConfigMap key `" + StatefulObjects.configKey(file) + "` (the path with `/` as `_`).",
                        "Rename one of the files so that their paths differ by more than `/` and `_`.");
            }
        }
    }

    private static void mount(StatefulComponent store, Map<String, String> mounted, String path, String what, String pointer,
                              SpecChecks checks) {
        String first = mounted.putIfAbsent(path.replaceAll("/+$", ""), what);
        if (first != null) {
            checks.problem(pointer, "`" + path + "` of `" + store.name() + "` is mounted twice: by " + first + " and by " + what
                    + "; a pod cannot mount two volumes at one path.", "Mount each volume, writable path and config file at its own path.");
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
        String volumes = String.join(", ", store.volumes().stream().map(v -> v.name() + " " + v.size()).toList());
        String workload = "StatefulSet `" + store.name() + "`" + (store.volumes().isEmpty() ? "" : ", volumes " + volumes);
        String scaling = store.replicas() + (store.replicas() == 1 ? " replica" : " replicas, started in order");
        String data = "`" + store.name() + "` (`" + store.image().reference() + "`): "
                + (store.volumes().isEmpty() ? "no volume; its data is lost with its pods." : "data on volumes " + volumes
                + " per pod, kept when the StatefulSet is deleted or scaled down (claims are retained). ")
                + (store.backup() == null
                        ? (store.volumes().isEmpty() ? "" : "No backup copies them; restore from storage snapshots of your provider.")
                        : "CronJob `" + store.backupName() + "` runs `" + String.join(" ", store.backup().command()) + "` on `"
                                + store.backup().schedule() + "` (UTC); restoring is the image's own procedure, run in pod `" + store.name() + "-0` (`kubectl exec`).");
        return new RunbookFacts(workload, scaling, null, data.strip());
    }
}
