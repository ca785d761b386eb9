package dev.shipshape.spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A part of an application that runs as its own workload (or stands for a managed service outside
 * the cluster), of one {@linkplain dev.shipshape.kind.ComponentKind kind}. This interface holds the
 * facts every kind states the same way, so the shared builders (NetworkPolicies, environment
 * references, alerts, routes, ServiceMonitors, the runbook) never ask which kind a component is;
 * everything else about a kind lives in its own definition ({@code dev.shipshape.kind.<type>}).
 */
public interface Component {

    /** The kind's {@code type} in the spec, for example {@code web}; selects its {@link dev.shipshape.kind.ComponentKind}. */
    String type();

    /** DNS-1123 label, unique in the application; names the workload, Service and ServiceAccount. */
    String name();

    /** Where the component is declared in the spec. */
    Location location();

    /** Requests and limits of the main container. */
    Resources resources();

    /** The image of the main container (its tag is the {@code app.kubernetes.io/version} label), or {@code null} when none runs. */
    ImageReference image();

    /** The value of the {@code app.kubernetes.io/component} label. */
    String role();

    /** The names of the components this one connects to (each gets one NetworkPolicy egress rule). */
    default List<String> uses() {
        return List.of();
    }

    /**
     * The components whose new version must wait until this one has run to completion (a
     * migration job's {@code before}), in spec order; empty for a component that is no such task.
     */
    default List<String> before() {
        return List.of();
    }

    /** The environment variables of the main container, in spec order. */
    default List<EnvVar> env() {
        return List.of();
    }

    /**
     * The pod settings of an application kind (process, securityContext, volumes, config files,
     * strategy, ServiceAccount annotations, pull secrets, init containers, sidecars); empty for a
     * managed kind, whose pods shipshape shapes itself.
     */
    default Optional<PodTemplate> podTemplate() {
        return Optional.empty();
    }

    /** The destinations outside the cluster its pods call, in spec order (each gets one NetworkPolicy egress rule). */
    default List<Egress> egress() {
        return List.of();
    }

    /**
     * The spec secrets whose every key becomes an environment variable of the main container
     * ({@code envFrom: [{secret: <name>}]}, a Kubernetes {@code envFrom.secretRef}), in spec order.
     * The variables of {@code envFrom} groups are already in {@link #env()}.
     */
    default List<String> envFromSecrets() {
        return List.of();
    }

    /** What other components connect to: host, port, URL; empty when nothing may connect to it. */
    Optional<Endpoint> endpoint();

    /**
     * A read-only endpoint beside {@link #endpoint()} (a database's hot standbys), or empty. Its
     * pods are those of the derived workload named by its {@link Endpoint#host()}, which every
     * component that uses this one may reach.
     */
    default Optional<Endpoint> readEndpoint() {
        return Optional.empty();
    }

    /**
     * The connection references ({@code ${<component>.<reference>}}) env values may use, by name:
     * the {@link Endpoint#references()} of {@link #endpoint()}, then the {@link Endpoint#readReferences()}
     * of {@link #readEndpoint()}; empty when nothing may connect to it.
     */
    default Map<String, String> references() {
        Map<String, String> references = new LinkedHashMap<>();
        endpoint().ifPresent(endpoint -> references.putAll(endpoint.references()));
        readEndpoint().ifPresent(endpoint -> references.putAll(endpoint.readReferences()));
        return references;
    }

    /**
     * The named ports its pods serve, in spec order, each with its Service port; empty for a kind
     * that offers only its {@link #endpoint()}. Routes name one of them; NetworkPolicies admit the
     * components that use it on each.
     */
    default List<ServedPort> servedPorts() {
        return List.of();
    }

    /** The Prometheus metrics endpoint of its pods, scraped by ServiceMonitors and the application's Prometheus. */
    default Optional<MetricsEndpoint> metricsEndpoint() {
        return Optional.empty();
    }

    /** Its public HTTPS routes (each gets an Ingress and a certificate, or with {@code spec.gateway} an HTTPRoute or GRPCRoute), in spec order. */
    default List<Route> routes() {
        return List.of();
    }

    /** The controller of its pods, or empty when no pod runs in the cluster (an external database). */
    Optional<Workload> workload();

    /** Whether it scrapes the metrics endpoints of the application's other components (the application's Prometheus). */
    default boolean scrapesMetrics() {
        return false;
    }

    /**
     * The names shipshape gives to objects and pods it derives from this component besides
     * {@link #name()} (for example {@code <db>-backup}); no other component may be named so, or
     * its objects and pod selectors would collide with them.
     */
    default List<String> derivedNames() {
        return List.of();
    }
}
