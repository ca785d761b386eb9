package dev.shipshape.render.docs;

import java.util.List;

/**
 * Region failover for one environment that runs on several clusters.
 *
 * @param environment        environment name
 * @param clusters           {@code name (region)} of each cluster, in spec order
 * @param hosts              the public hosts every cluster serves, comma separated, or {@code none}
 * @param inClusterDatabases names of databases that run in each cluster separately, comma separated, or empty
 * @param externalDatabases  names of databases outside the clusters, shared by all, comma separated, or empty
 */
record FailoverSection(String environment, List<String> clusters, String hosts, String inClusterDatabases,
                       String externalDatabases) {

    /** True when every cluster has its own copy of a database. */
    boolean hasInClusterDatabases() {
        return !inClusterDatabases.isEmpty();
    }

    /** True when the clusters share a database outside them. */
    boolean hasExternalDatabases() {
        return !externalDatabases.isEmpty();
    }
}
