package dev.shipshape.kind.web;

import dev.shipshape.model.IngressAnnotations;
import dev.shipshape.model.PublicRoutes;
import dev.shipshape.spec.JsonPointers;
import dev.shipshape.spec.Probe;
import dev.shipshape.spec.ProbeSet;
import dev.shipshape.spec.Route;
import dev.shipshape.spec.ServedPort;
import dev.shipshape.spec.SpecChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The web kind's checks of its ports, routes and probes against each other, each problem with its fix. */
final class WebChecks {

    private WebChecks() {
    }

    /**
     * No two ports share a container port or a Service port (per TCP/UDP), and a separate metrics
     * port does not take the name of a served port.
     */
    static void ports(WebComponent web, SpecChecks checks) {
        Map<String, String> containerPorts = new HashMap<>();
        Map<String, String> servicePorts = new HashMap<>();
        for (ServedPort port : web.ports()) {
            String transport = "/" + port.protocol().transport();
            String other = containerPorts.putIfAbsent(port.port() + transport, port.name());
            if (other != null) {
                checks.problem(port.pointer() + "/port", "Ports `" + other + "` and `" + port.name() + "` of `" + web.name()
                        + "` both listen on container port " + port.port() + transport + ".", "Give each port its own number, or remove one.");
            }
            String otherService = servicePorts.putIfAbsent(port.servicePort() + transport, port.name());
            if (other == null && otherService != null) {
                checks.problem(port.pointer() + (port.servicePort() == port.port() ? "/port" : "/servicePort"),
                        "Ports `" + otherService + "` and `" + port.name() + "` of `" + web.name() + "` are both Service port "
                                + port.servicePort() + transport + "; a Service cannot serve one port twice.",
                        "Give this port another servicePort.");
            }
            if (web.separateMetricsPort() && port.name().equals(WebComponent.METRICS)) {
                checks.problem(port.pointer(), "Port `" + WebComponent.METRICS + "` of `" + web.name() + "` listens on " + port.port()
                                + ", but metrics are on port " + web.metrics().port() + ", which gets the name `" + WebComponent.METRICS
                                + "` too; two ports would share one name.",
                        "Set metrics.port to " + port.port() + ", or rename this port.");
            }
        }
    }

    /**
     * Each route forwards to a declared http or grpc port, asks nothing of the ingress controller it
     * cannot do ({@link IngressAnnotations#unsupported}), sets none of the annotations shipshape
     * manages ({@link IngressAnnotations#MANAGED}), and excludes only paths under its own path.
     */
    static void routes(WebComponent web, SpecChecks checks) {
        String at = SpecChecks.pointer(web);
        IngressAnnotations controller = IngressAnnotations.of(checks.application());
        List<String> routable = web.ports().stream().filter(WebChecks::routable).map(ServedPort::name).toList();
        for (Route route : web.routes()) {
            Optional<ServedPort> target = web.ports().stream().filter(p -> p.name().equals(route.backendPort())).findFirst();
            if (route.backendPort() == null) {
                checks.problem(at + route.pointer(), "The route of `" + web.name() + "` names no port, and `" + web.name()
                        + "` has no http port to default to.", fix(routable, "Set the route's `port` to"));
            } else if (target.isEmpty()) {
                checks.problem(at + route.pointer() + "/port", "The route of `" + web.name() + "` forwards to port `" + route.backendPort()
                        + "`, which `" + web.name() + "` does not declare.", fix(routable, "Name one of its ports:"));
            } else if (!routable(target.get())) {
                checks.problem(at + route.pointer() + "/port", "The route of `" + web.name() + "` forwards to port `" + route.backendPort()
                                + "`, which speaks " + target.get().protocol().specName() + "; an Ingress forwards only HTTP and gRPC.",
                        fix(routable, "Route an http or grpc port:"));
            }
            for (IngressAnnotations.Unsupported unsupported : controller.unsupported(route, target.orElse(null), PublicRoutes.routedPorts(web))) {
                checks.problem(at + route.pointer() + unsupported.field(), unsupported.message(), unsupported.fix());
            }
            for (String annotation : route.annotations().keySet()) {
                if (IngressAnnotations.MANAGED.contains(annotation)) {
                    checks.problem(JsonPointers.child(at + route.pointer() + "/annotations", annotation),
                            "Annotation `" + annotation + "` on the route of `" + web.name() + "` is one shipshape sets itself.",
                            "Remove it: sourceRanges sets the allow list, exclude the deny list, a grpc port the backend protocol,"
                                    + " spec.ingress the redirects, and spec.dns the DNS record.");
                }
            }
            for (int i = 0; i < route.exclude().size(); i++) {
                String path = route.exclude().get(i);
                if (!under(path, route.path())) {
                    checks.problem(JsonPointers.child(at + route.pointer() + "/exclude", i), "Excluded path `" + path + "` of `" + web.name()
                                    + "` is not under the route's path `" + route.path() + "`, so the route never serves it anyway.",
                            "Remove it, or exclude a path under `" + route.path() + "`.");
                }
            }
        }
    }

    /**
     * Declared probes connect to declared TCP ports, and no gRPC probe checks a port that serves TLS;
     * a component whose first port is UDP declares its probes.
     */
    static void probes(WebComponent web, SpecChecks checks) {
        List<String> tcp = new ArrayList<>();
        web.ports().stream().filter(ServedPort::isTcp).forEach(p -> {
            tcp.add(p.name());
            tcp.add(Integer.toString(p.port()));
        });
        if (web.separateMetricsPort()) {
            tcp.add(WebComponent.METRICS);
            tcp.add(Integer.toString(web.metrics().port()));
        }
        ProbeSet probes = web.probes();
        probes.checkPorts(web.name(), tcp, checks);
        java.util.Set<String> reported = new java.util.HashSet<>();
        probes.byName().forEach((which, probe) -> {
            boolean onTls = probe.action() == Probe.Action.GRPC && web.ports().stream().anyMatch(p -> p.servesTls()
                    && (p.name().equals(probe.port()) || Integer.toString(p.port()).equals(probe.port())));
            if (onTls && probe.pointer() != null && reported.add(probe.pointer())) {
                checks.problem(probe.portPointer(), "The " + which + " probe of `" + web.name() + "` is a gRPC health check of port `" + probe.port()
                                + "`, which serves TLS; the kubelet's gRPC probe speaks only cleartext, so it would never pass.",
                        "Use `tcp: {port: " + probe.port() + "}`, an exec probe (grpc_health_probe -tls), or a cleartext health port.");
            }
        });
        if (probes.readiness() == null || probes.liveness() == null) {
            checks.problem(SpecChecks.pointer(web) + "/ports", "`" + web.name() + "` serves UDP on its first port, which no probe can"
                            + " check, and declares no readiness and liveness probe.",
                    "Add probes: {readiness: ..., liveness: ...} (exec, or tcp/http on a TCP port).");
        }
    }

    /** Whether the path is the prefix itself or below it, as an Ingress {@code Prefix} path matches. */
    static boolean under(String path, String prefix) {
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        return path.equals(prefix) || path.startsWith(base) || prefix.equals("/");
    }

    private static boolean routable(ServedPort port) {
        return port.protocol() == ServedPort.Protocol.HTTP || port.protocol() == ServedPort.Protocol.GRPC;
    }

    private static String fix(List<String> routable, String prefix) {
        return routable.isEmpty() ? "Declare an http or grpc port under `ports`, or remove the route."
                : prefix + " " + String.join(", ", routable) + ".";
    }
}
