package dev.shipshape.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks of a component's {@link PodTemplate} that a schema cannot express, the same for every
 * application kind: capabilities within what Pod Security {@code restricted} allows, image pull
 * secrets and secret volumes that name declared spec secrets (of the docker config type for
 * pulls), no path mounted twice, config files on distinct ConfigMap keys, volume names that do not
 * collide with the ones shipshape gives (the certificate volume {@code <port>-tls} of a TLS port
 * included), TLS only on TCP ports, init containers and sidecars that mount only volumes the pod has, each at
 * its own path, container names unique in the pod, the env of init
 * containers and sidecars.
 */
final class PodChecks {

    /** Pod volume names shipshape gives to writable paths and config files. */
    private static final Pattern GENERATED_VOLUME = Pattern.compile("tmp|config|writable-[0-9]+");

    private PodChecks() {
    }

    /** Reports every problem of {@code component}'s pod settings to {@code checks}. */
    static void check(Component component, PodTemplate pod, SpecChecks checks) {
        String at = SpecChecks.pointer(component);
        capabilities(component, pod, at, checks);
        pullSecrets(component, pod, at, checks);
        mounts(component, pod, at, checks);
        containers(component, pod, at, checks);
    }

    private static void capabilities(Component component, PodTemplate pod, String at, SpecChecks checks) {
        List<String> added = pod.security().addCapabilities();
        for (int i = 0; i < added.size(); i++) {
            if (!added.get(i).equals(ContainerSecurity.NET_BIND_SERVICE)) {
                checks.problem(JsonPointers.child(at + "/securityContext/capabilities/add", i), "`" + component.name() + "` adds capability `"
                                + added.get(i) + "`, which the Pod Security Standard `restricted` (enforced on the namespace) forbids: the API server"
                                + " would reject its pods. Only `" + ContainerSecurity.NET_BIND_SERVICE + "` may be added back.",
                        "Remove `" + added.get(i) + "`; for a port below 1024 shipshape adds NET_BIND_SERVICE by itself. A process that needs more"
                                + " privileges belongs in a namespace outside shipshape's restricted one.");
            }
        }
    }

    private static void pullSecrets(Component component, PodTemplate pod, String at, SpecChecks checks) {
        Map<String, SecretSource> secrets = checks.application().secrets();
        for (int i = 0; i < pod.imagePullSecrets().size(); i++) {
            String name = pod.imagePullSecrets().get(i);
            String pointer = JsonPointers.child(at + "/imagePullSecrets", i);
            SecretSource secret = secrets.get(name);
            if (secret == null) {
                checks.undeclaredSecret(name, pointer, "The image pull secret of `" + component.name() + "`");
            } else if (!PodTemplate.DOCKER_CONFIG_JSON.equals(secret.type())) {
                checks.problem(pointer, "`" + component.name() + "` pulls its images with secret `" + name + "`, whose type is `" + secret.type()
                                + "`; the kubelet reads registry credentials only from a Secret of type `" + PodTemplate.DOCKER_CONFIG_JSON + "`.",
                        "Set `type: " + PodTemplate.DOCKER_CONFIG_JSON + "` on spec.secrets." + name + " (its key `.dockerconfigjson` holds the"
                                + " registry credentials), or name a secret of that type.");
            }
        }
        for (PodVolume volume : pod.volumes()) {
            if (volume.secret() != null && !secrets.containsKey(volume.secret())) {
                checks.undeclaredSecret(volume.secret(), JsonPointers.child(at + "/volumes", volume.name()) + "/secret",
                        "Volume `" + volume.name() + "` of `" + component.name() + "`");
            }
        }
    }

    private static void mounts(Component component, PodTemplate pod, String at, SpecChecks checks) {
        Map<String, String> mounted = new HashMap<>();
        for (PodVolume volume : pod.volumes()) {
            String pointer = JsonPointers.child(at + "/volumes", volume.name());
            if (GENERATED_VOLUME.matcher(volume.name()).matches()) {
                checks.problem(pointer, "Volume name `" + volume.name() + "` of `" + component.name()
                                + "` is one shipshape gives to the pod's writable paths and config files, so two pod volumes would share it.",
                        "Rename the volume, for example after what it holds (`data`, `cache`, `certs`).");
            }
            mount(component, mounted, volume.mountPath(), "volume `" + volume.name() + "`", pointer + "/mountPath", checks);
        }
        for (int i = 0; i < pod.writablePaths().size(); i++) {
            mount(component, mounted, pod.writablePaths().get(i), "writable path", JsonPointers.child(at + "/writablePaths", i), checks);
        }
        for (ServedPort port : component.servedPorts()) {
            if (!port.servesTls()) {
                continue;
            }
            String pointer = port.pointer() + "/tls";
            String volume = port.name() + "-tls";
            if (pod.volumes().stream().anyMatch(v -> v.name().equals(volume))) {
                checks.problem(JsonPointers.child(at + "/volumes", volume), "Volume name `" + volume + "` of `" + component.name()
                                + "` is the one shipshape gives to the certificate of port `" + port.name() + "`, so two pod volumes would share it.",
                        "Rename the volume.");
            }
            if (!port.isTcp()) {
                checks.problem(pointer, "Port `" + port.name() + "` of `" + component.name() + "` speaks UDP, over which a process cannot serve TLS"
                        + " (shipshape mounts certificates for TLS over TCP).", "Remove `tls`, or make the port tcp, http or grpc.");
            }
            mount(component, mounted, port.tls().mountPath(), "the certificate of port `" + port.name() + "`", pointer + "/mountPath", checks);
        }
        Map<String, String> keys = new HashMap<>();
        for (String file : pod.configFiles().keySet()) {
            String pointer = JsonPointers.child(at + "/configFiles", file);
            mount(component, mounted, file, "config file", pointer, checks);
            String key = PodTemplate.configKey(file);
            String other = keys.putIfAbsent(key, file);
            if (other != null) {
                checks.problem(pointer, "Config files `" + other + "` and `" + file + "` of `" + component.name()
                                + "` would share the ConfigMap key `" + key + "` (the path with `/` as `_`).",
                        "Rename one of the files so that their paths differ by more than `/` and `_`.");
            }
        }
    }

    private static void mount(Component component, Map<String, String> mounted, String path, String what, String pointer, SpecChecks checks) {
        String first = mounted.putIfAbsent(path.replaceAll("/+$", ""), what);
        if (first != null) {
            checks.problem(pointer, "`" + path + "` of `" + component.name() + "` is mounted twice: by " + first + " and by " + what
                    + "; a pod cannot mount two volumes at one path.", "Mount each volume, writable path and config file at its own path.");
        }
    }

    /** Each volume an init container or sidecar names is a volume of the pod: a spec volume or a TLS port's certificate. */
    private static void volumeMounts(Component component, PodTemplate pod, ExtraContainer container, SpecChecks checks) {
        List<String> volumes = new java.util.ArrayList<>(pod.volumes().stream().map(PodVolume::name).toList());
        component.servedPorts().stream().filter(ServedPort::servesTls).forEach(p -> volumes.add(p.name() + "-tls"));
        Map<String, String> paths = new HashMap<>();
        pod.writablePaths().forEach(path -> paths.put(path.replaceAll("/+$", ""), "writable path"));
        for (ExtraContainer.Mount mount : container.mounts()) {
            if (!volumes.contains(mount.volume())) {
                checks.problem(mount.pointer() + "/name", "Container `" + container.name() + "` of `" + component.name() + "` mounts volume `"
                                + mount.volume() + "`, which the pod does not have.",
                        volumes.isEmpty() ? "Declare it under `volumes`, or remove the mount."
                                : "Name one of the pod's volumes: " + String.join(", ", volumes) + ".");
                continue;
            }
            String path = mount.mountPath() != null ? mount.mountPath() : pod.volumes().stream().filter(v -> v.name().equals(mount.volume()))
                    .map(PodVolume::mountPath).findFirst().orElseGet(() -> component.servedPorts().stream()
                            .filter(p -> (p.name() + "-tls").equals(mount.volume())).map(p -> p.tls().mountPath()).findFirst().orElseThrow());
            String first = paths.putIfAbsent(path.replaceAll("/+$", ""), "volume `" + mount.volume() + "`");
            if (first != null) {
                checks.problem(mount.pointer(), "`" + path + "` of container `" + container.name() + "` of `" + component.name()
                                + "` is mounted twice: by " + first + " and by volume `" + mount.volume() + "`.",
                        "Give this mount its own `mountPath`, or mount the volume once.");
            }
        }
    }

    private static void containers(Component component, PodTemplate pod, String at, SpecChecks checks) {
        Map<String, String> names = new HashMap<>();
        names.put(component.name(), "the main container");
        Map<String, String> ports = new HashMap<>();
        for (String field : List.of("sidecars", "initContainers")) {
            for (ExtraContainer container : field.equals("sidecars") ? pod.sidecars() : pod.initContainers()) {
                String pointer = JsonPointers.child(at + "/" + field, container.name());
                String first = names.putIfAbsent(container.name(), field.equals("sidecars") ? "a sidecar" : "an init container");
                if (first != null) {
                    checks.problem(pointer, "Container name `" + container.name() + "` of `" + component.name() + "` is already the name of "
                            + first + "; container names are unique in a pod.", "Rename the container.");
                }
                container.ports().keySet().forEach(port -> {
                    String owner = ports.putIfAbsent(port, container.name());
                    if (owner != null) {
                        checks.problem(JsonPointers.child(pointer + "/ports", port), "Port name `" + port + "` of `" + component.name()
                                + "` is declared by containers `" + owner + "` and `" + container.name() + "`; port names are unique in a pod.",
                                "Rename one of the ports.");
                    }
                });
                checks.env(component, container.env(), pointer + "/env");
                volumeMounts(component, pod, container, checks);
            }
        }
    }
}
