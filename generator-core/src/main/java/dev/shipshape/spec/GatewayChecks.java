package dev.shipshape.spec;

/**
 * The checks of {@code spec.gateway} and of routes through it that the schema cannot express:
 * routes are Ingresses or Gateway API routes, never both; an own Gateway ({@code className}) or a
 * shared one ({@code name} with {@code namespace}); the route fields the Gateway API cannot
 * carry in a standard way are refused with what to do instead, never silently dropped; and a route
 * to a port serving TLS only where its BackendTLSPolicy can work.
 */
final class GatewayChecks {

    private static final String AT = "/spec/gateway";

    private GatewayChecks() {
    }

    /** Reports every problem of one application view's gateway and its routes. */
    static void check(SpecChecks check) {
        Application app = check.application();
        Gateway gateway = app.gateway();
        if (gateway == null) {
            return;
        }
        if (app.ingress() != null) {
            check.problem(AT, "Both spec.ingress and spec.gateway are set; routes are either Ingresses or Gateway API routes.",
                    "Remove one of them; to switch one environment to the Gateway API, set `ingress: null` next to its `gateway`.");
        }
        fields(check, app);
        if (gateway.dataPlaneNamespace().equals(app.namespace())) {
            check.problem(present(check, "dataPlaneNamespace") ? AT + "/dataPlaneNamespace" : AT, "The Gateway's data plane would run in the"
                            + " application's namespace `" + app.namespace() + "`, whose default-deny NetworkPolicy would block its proxies.",
                    "Run the proxies in the implementation's namespace (Envoy Gateway and Traefik do by default) and name it in"
                            + " `dataPlaneNamespace`, or attach to a shared Gateway (`name`, `namespace`) in a namespace of its own.");
        }
        for (Component component : app.components()) {
            for (Route route : component.routes()) {
                routeFields(check, component, route);
            }
        }
    }

    private static void fields(SpecChecks check, Application app) {
        boolean owned = present(check, "className");
        boolean shared = present(check, "name");
        if (owned && shared) {
            check.problem(AT + "/className", "spec.gateway sets both `className` (the application's own Gateway) and `name` (a shared Gateway).",
                    "Keep `className` for a Gateway of the application's own, or `name` and `namespace` to attach to a shared one.");
        } else if (!owned && !shared) {
            check.problem(AT, "spec.gateway names no Gateway: neither `className` nor `name` is set.",
                    "Add `className: eg` (the GatewayClass of a Gateway shipshape emits for `" + app.name()
                            + "`), or `name` and `namespace` of an existing shared Gateway.");
        } else if (shared && !present(check, "namespace")) {
            check.problem(AT + "/name", "The shared Gateway `" + app.gateway().name() + "` has no `namespace`.",
                    "Add the namespace the platform's Gateway lives in, for example `namespace: gateway-system`.");
        }
        if (owned) {
            for (String field : new String[] {"namespace", "sectionName"}) {
                if (present(check, field)) {
                    check.problem(AT + "/" + field, "`" + field + "` is for a shared Gateway, but spec.gateway sets `className`, so shipshape"
                                    + " emits the application's own Gateway in namespace `" + app.namespace() + "` with listeners it names itself.",
                            "Remove `" + field + "`, or replace `className` by the shared Gateway's `name`.");
                }
            }
        }
    }

    private static void routeFields(SpecChecks check, Component component, Route route) {
        String at = SpecChecks.pointer(component) + route.pointer();
        if (!route.sourceRanges().isEmpty()) {
            check.problem(at + "/sourceRanges", "The route of `" + component.name() + "` allows only some client addresses, which the"
                            + " Gateway API has no standard field for (an Ingress gets ingress-nginx's whitelist-source-range).",
                    "Remove `sourceRanges` and restrict clients on the Gateway (for Envoy Gateway a SecurityPolicy with"
                            + " authorization.rules[].principal.clientCIDRs, for Istio an AuthorizationPolicy with ipBlocks), or route"
                            + " this environment through spec.ingress.");
        }
        boolean grpc = component.servedPorts().stream()
                .anyMatch(p -> p.name().equals(route.backendPort()) && p.protocol() == ServedPort.Protocol.GRPC);
        if (grpc && !route.path().equals("/")) {
            check.problem(at + "/path", "The route of `" + component.name() + "` to gRPC port `" + route.backendPort() + "` has path `"
                            + route.path() + "`, but a GRPCRoute matches gRPC services and methods, not path prefixes.",
                    "Remove `path`: the GRPCRoute routes every gRPC service on `" + route.host() + "`.");
        }
        component.servedPorts().stream().filter(p -> p.name().equals(route.backendPort()) && p.servesTls()).findFirst()
                .ifPresent(port -> tlsBackend(check, component, route, port, at));
        if (grpc && !route.exclude().isEmpty()) {
            check.problem(at + "/exclude", "The route of `" + component.name() + "` to gRPC port `" + route.backendPort()
                            + "` excludes paths, but a GRPCRoute matches gRPC services and methods, not path prefixes.",
                    "Remove `exclude`, and keep internal gRPC services off the port this route forwards to.");
        }
    }

    /**
     * A route to a port that serves TLS gets a BackendTLSPolicy whose CA is a Secret reference (or the
     * system trust store), which only the application's own Gateway is known to accept (Envoy Gateway,
     * from the platform layer); a named issuer says how its certificates are verified.
     */
    private static void tlsBackend(SpecChecks check, Component component, Route route, ServedPort port, String at) {
        if (!check.application().gateway().owned()) {
            check.problem(at + "/port", "The route of `" + component.name() + "` forwards to port `" + port.name() + "`, which serves TLS,"
                            + " through the shared Gateway `" + check.application().gateway().name() + "`: its BackendTLSPolicy would name the"
                            + " CA in the certificate's Secret, which is implementation-specific (the Gateway API's portable reference is a"
                            + " ConfigMap, which cert-manager does not write), and shipshape does not know the shared Gateway's implementation.",
                    "Route through the application's own Gateway (`gateway.className`; Envoy Gateway reads the CA from the Secret), route a"
                            + " port without `tls` (the Gateway terminates TLS), or route through an Ingress (`spec.ingress`).");
        } else if (port.tls().trust() == null) {
            check.problem(port.pointer() + "/tls/issuer", "Port `" + port.name() + "` of `" + component.name() + "` gets its certificate from"
                            + " issuer `" + port.tls().issuer().name() + "`, and the Gateway route to it must verify that certificate, but the"
                            + " spec does not say how.",
                    "Add `trust: ca.crt` to the issuer if it writes its CA into the certificate's Secret (cert-manager's CA and Vault"
                            + " issuers do), or `trust: system` if its root is a public CA (Let's Encrypt production).");
        }
    }

    private static boolean present(SpecChecks check, String field) {
        return check.has(AT + "/" + field);
    }
}
