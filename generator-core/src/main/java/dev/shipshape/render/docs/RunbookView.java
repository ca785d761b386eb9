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
        TlsSection tls) {

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
}
