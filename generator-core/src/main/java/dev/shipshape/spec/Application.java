package dev.shipshape.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An application as it runs in one environment: the spec with that environment's overrides
 * merged in and every default applied. The default view (no environment) is what a Kustomize
 * base and a Helm chart's {@code values.yaml} hold.
 *
 * @param name        DNS-1123 label; also the namespace and the {@code app.kubernetes.io/part-of} label
 * @param version     the application's version ({@code app.kubernetes.io/version}, the chart version)
 * @param description one line for humans
 * @param environment the environment name, or {@code null} for the default view
 * @param tls         how public routes get certificates
 * @param ingress     the cluster's ingress controller, which the NetworkPolicies admit; {@code null} when routes go through {@code gateway}
 * @param gateway     the Gateway API Gateway routes attach to ({@code spec.gateway}), or {@code null} when they are Ingresses
 * @param monitoring  the platform's monitoring stack, which the NetworkPolicies admit, or {@code null}
 * @param secrets     secret sources by spec name, sorted by name
 * @param components  the components, sorted by name
 * @param location    where {@code metadata.name} is written
 * @param patches     each component's {@code patches} (an environment's appended), by component name; a
 *                    component without patches has no entry
 * @param dns         the DNS records external-dns creates for the public routes, or {@code null} for none
 */
public record Application(
        String name,
        String version,
        String description,
        String environment,
        Tls tls,
        IngressController ingress,
        Gateway gateway,
        Monitoring monitoring,
        Map<String, SecretSource> secrets,
        List<Component> components,
        Location location,
        Map<String, List<ObjectPatch>> patches,
        Dns dns) {

    public Application {
        patches = Map.copyOf(patches);
        components = components == null ? null : ComponentList.of(components);
    }

    /** An application view without DNS records. */
    public Application(String name, String version, String description, String environment, Tls tls, IngressController ingress,
                       Gateway gateway, Monitoring monitoring, Map<String, SecretSource> secrets, List<Component> components,
                       Location location, Map<String, List<ObjectPatch>> patches) {
        this(name, version, description, environment, tls, ingress, gateway, monitoring, secrets, components, location, patches, null);
    }

    /** An application view routed through an Ingress controller, without DNS records. */
    public Application(String name, String version, String description, String environment, Tls tls, IngressController ingress,
                       Monitoring monitoring, Map<String, SecretSource> secrets, List<Component> components, Location location,
                       Map<String, List<ObjectPatch>> patches) {
        this(name, version, description, environment, tls, ingress, null, monitoring, secrets, components, location, patches, null);
    }

    /** An application view routed through an Ingress controller, whose components have no patches. */
    public Application(String name, String version, String description, String environment, Tls tls, IngressController ingress,
                       Monitoring monitoring, Map<String, SecretSource> secrets, List<Component> components, Location location) {
        this(name, version, description, environment, tls, ingress, null, monitoring, secrets, components, location, Map.of());
    }

    /** Whether routes are Gateway API routes ({@code spec.gateway}) rather than Ingresses. */
    public boolean routesThroughGateway() {
        return gateway != null;
    }

    /**
     * Whether shipshape issues the routes' certificates: always for Ingresses and for the
     * application's own Gateway; a shared Gateway's certificates are the platform's.
     */
    public boolean issuesCertificates() {
        return gateway == null || gateway.owned();
    }

    /**
     * The namespace whose pods forward public traffic to routed components, which the
     * NetworkPolicies admit: the ingress controller's, or the Gateway's data plane's.
     */
    public String routingNamespace() {
        return gateway != null ? gateway.dataPlaneNamespace() : ingress.namespace();
    }

    /** The patches of a component, in order (the default view's, then the environment's); empty when it has none. */
    public List<ObjectPatch> patches(String componentName) {
        return patches.getOrDefault(componentName, List.of());
    }

    /** The component of that name, if any. */
    public Optional<Component> component(String componentName) {
        return ((ComponentList) components).named(componentName);
    }

    /** The components that {@linkplain Component#uses() use} the named one, in component order. */
    public List<Component> usersOf(String componentName) {
        return ((ComponentList) components).usersOf(componentName);
    }

    /** Whether some component has a public route (so certificates, an ingress class and, maybe, an ACME issuer are needed). */
    public boolean hasRoutes() {
        return components.stream().anyMatch(c -> !c.routes().isEmpty());
    }

    /**
     * Whether this view needs the ACME {@code Issuer} shipshape emits: some component has a route,
     * shipshape issues its certificates ({@link #issuesCertificates()}) and {@code spec.tls.issuer} is a Let's Encrypt issuer. The one place this is decided: the
     * loader then requires {@code spec.tls.email}, and the model emits the Issuer and admits its solver.
     */
    public boolean needsManagedIssuer() {
        return tls != null && tls.managedIssuer() && hasRoutes() && issuesCertificates();
    }

    /** The namespace every object of this application lives in: the application's name. */
    public String namespace() {
        return name;
    }
}
