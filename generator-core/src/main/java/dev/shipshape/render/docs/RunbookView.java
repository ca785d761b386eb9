package dev.shipshape.render.docs;

import java.util.List;

/**
 * Everything {@code runbook.mustache} shows, one record per section; every value is text ready to
 * print and every list is in output order.
 *
 * @param application  the application's name
 * @param version      the application's version
 * @param description  one line for humans
 * @param specFile     the spec's file name (no directory, so output does not depend on the machine)
 * @param namespace    the namespace every object lives in
 * @param overview     the components table
 * @param environments environments, their clusters and public hosts
 * @param data         the databases and what is not backed up
 * @param recovery     full-cluster recovery with Flux
 * @param failover     region failover, one entry per environment with several clusters
 * @param singleRegionEnvironments names of environments with one cluster, comma separated, or empty
 * @param tls          certificates per environment
 * @param egress       the destinations outside the cluster that components call, in component and spec order
 * @param prerequisites what each cluster must offer before the application, or {@code null} without clusters
 * @param builds       the Kustomize builds of grouped components, the main build first; empty without groups
 */
record RunbookView(
        String application,
        String version,
        String description,
        String specFile,
        String namespace,
        List<ComponentRow> overview,
        List<EnvironmentRow> environments,
        DataSection data,
        RecoverySection recovery,
        List<FailoverSection> failover,
        String singleRegionEnvironments,
        TlsSection tls,
        List<EgressRow> egress,
        PrerequisitesSection prerequisites,
        List<BuildRow> builds) {

    /** Whether the components are grouped into several builds (the section is left out otherwise). */
    boolean hasBuilds() {
        return !builds.isEmpty();
    }

    /** Whether some component calls a destination outside the cluster (the section is left out otherwise). */
    boolean hasEgress() {
        return !egress.isEmpty();
    }

    /**
     * One row of the components table.
     *
     * @param name     component name
     * @param kind     the component's {@code type}
     * @param workload the Kubernetes workload that runs it, or where it runs when outside the cluster
     * @param port     the port other components connect to, or {@code none} when nothing may connect to it
     * @param exposure {@code https://host/path} of its public route, or {@code internal}
     * @param scaling  replica count or autoscaling bounds
     */
    record ComponentRow(String name, String kind, String workload, String port, String exposure, String scaling) {
    }

    /**
     * One row of the environments table.
     *
     * @param name     environment name
     * @param clusters the clusters that run it, with region and delivery method, or {@code none}
     * @param hosts    public hosts, comma separated, or {@code none}
     */
    record EnvironmentRow(String name, String clusters, String hosts) {
    }

    /**
     * One row of the external destinations table: a declared {@code egress} entry.
     *
     * @param component   the component whose pods call it
     * @param destination {@code host:port} or the address blocks and ports
     * @param addresses   the address blocks admitted, or {@code any public address}
     * @param reason      why any public address is admitted, or {@code -}
     */
    record EgressRow(String component, String destination, String addresses, String reason) {
    }

    /**
     * One row of the builds table (component groups).
     *
     * @param name           {@code main} or {@code group `<group>`}
     * @param components     what the build holds, in spec order
     * @param kustomizations the Flux Kustomizations that apply it on some cluster, sorted
     * @param path           its overlays' folder, with {@code <view>} for the environment or cluster
     */
    record BuildRow(String name, String components, String kustomizations, String path) {
    }
}
