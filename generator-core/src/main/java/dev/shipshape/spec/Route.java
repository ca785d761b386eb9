package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A public HTTPS route to a component (the base schema's {@code $defs/route}).
 *
 * @param host         fully qualified DNS name, no wildcard
 * @param path         path prefix, starting with {@code /}
 * @param sourceRanges CIDR allow list (seed 004); empty means the whole internet; Ingress only (an error with {@code spec.gateway})
 * @param pointer      where the route is written, relative to its component's entry (for example {@code /route} or {@code /routes/1})
 * @param backendPort  the name of the component's Service port the route forwards to
 * @param annotations  further annotations of its Ingress (or HTTPRoute / GRPCRoute), in spec order
 * @param exclude      path prefixes kept off the public route, in spec order
 */
public record Route(String host, String path, List<String> sourceRanges, String pointer, String backendPort,
                    Map<String, String> annotations, List<String> exclude) {

    /** @param sourceRanges, annotations, exclude copied */
    public Route {
        sourceRanges = List.copyOf(sourceRanges);
        annotations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
        exclude = List.copyOf(exclude);
    }

    /** A route written at {@code /route} of its component, to its Service port {@code http}, without annotations or exclusions. */
    public Route(String host, String path, List<String> sourceRanges) {
        this(host, path, sourceRanges, "/route", ServedPort.HTTP_SHORTHAND, Map.of(), List.of());
    }

    /**
     * Reads a component's schema-valid {@code route} (one) or {@code routes} (a list).
     *
     * @param component   the component's tree
     * @param defaultPort the Service port name a route without {@code port} forwards to
     * @return the routes in spec order; empty without either field
     */
    public static List<Route> readAll(JsonNode component, String defaultPort) {
        if (TreeValues.present(component, "route")) {
            return List.of(read(component.get("route"), "/route", defaultPort));
        }
        List<Route> routes = new java.util.ArrayList<>();
        JsonNode list = component.path("routes");
        for (int i = 0; i < list.size(); i++) {
            routes.add(read(list.get(i), "/routes/" + i, defaultPort));
        }
        return List.copyOf(routes);
    }

    private static Route read(JsonNode route, String pointer, String defaultPort) {
        Map<String, String> annotations = new LinkedHashMap<>();
        route.path("annotations").properties().forEach(a -> annotations.put(a.getKey(), a.getValue().asText()));
        return new Route(route.path("host").asText(), TreeValues.text(route, "path", "/"), TreeValues.texts(route, "sourceRanges"),
                pointer, TreeValues.text(route, "port", defaultPort), annotations, TreeValues.texts(route, "exclude"));
    }

    /** {@code https://<host><path>}. */
    public String url() {
        return "https://" + host + path;
    }
}
