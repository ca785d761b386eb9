package dev.shipshape.render.docs;

import java.util.List;

/**
 * Full-cluster recovery: what must exist before Flux, how to bootstrap Flux on each cluster, and
 * what Flux cannot bring back by itself.
 *
 * @param repository         Git URL Flux reads
 * @param branch             branch Flux follows
 * @param interval           Flux reconcile interval
 * @param prerequisites      platform pieces the application relies on, one sentence each
 * @param secrets            how each Secret comes back: by hand or through the External Secrets Operator
 * @param clusters           the clusters in spec order
 * @param inClusterDatabases names of databases that run in the cluster, comma separated, or empty
 * @param verifyCommands     commands that show the application is back
 */
record RecoverySection(
        String repository,
        String branch,
        String interval,
        List<String> prerequisites,
        List<String> secrets,
        List<ClusterRow> clusters,
        String inClusterDatabases,
        List<String> verifyCommands) {

    /** True when the application reads any Secret. */
    boolean hasSecrets() {
        return !secrets.isEmpty();
    }

    /** True when some database runs in the cluster and comes back empty. */
    boolean hasInClusterDatabases() {
        return !inClusterDatabases.isEmpty();
    }

    /**
     * One cluster and how Flux is bootstrapped on it.
     *
     * @param name             cluster name
     * @param environment      the environment it runs
     * @param region           cloud region
     * @param delivery         {@code Kustomization} or {@code HelmRelease}
     * @param entryPoint       the folder Flux reconciles, relative to the repository root
     * @param bootstrapCommand the {@code flux bootstrap} command
     * @param reconcileCommand the command that shows reconciliation progress
     * @param dependsOn        Flux Kustomizations that must be ready first, comma separated, or empty
     */
    record ClusterRow(String name, String environment, String region, String delivery, String entryPoint,
                      String bootstrapCommand, String reconcileCommand, String dependsOn) {

        /** True when the cluster waits for other Flux Kustomizations. */
        boolean hasDependsOn() {
            return !dependsOn.isEmpty();
        }
    }
}
