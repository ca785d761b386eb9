package dev.shipshape.kind.postgres;

import java.util.List;

/**
 * Hot-standby read replicas of an in-cluster PostgreSQL server, fed by streaming replication
 * (postgresql.org/docs/current/warm-standby.html): a StatefulSet {@code <db>-replica} whose pods
 * clone the primary with {@code pg_basebackup} and then follow it, each through its own physical
 * replication slot.
 *
 * @param count         how many replicas run (at least 1)
 * @param user          the replication role the primary creates and admits in {@code pg_hba.conf}
 *                      (a PostgreSQL identifier; the role name is not secret, so {@code pg_hba.conf} can name it)
 * @param credentials   the spec secret whose key {@code password} is the replication role's password
 * @param podNetworks   the address blocks the cluster's pods are in, the only sources {@code pg_hba.conf}
 *                      admits replication connections from (the NetworkPolicy narrows that to the replica pods)
 * @param maxLagSeconds how far behind the primary (seconds of replay) a replica may fall and still be ready for reads
 */
public record ReadReplicas(int count, String user, String credentials, List<String> podNetworks, int maxLagSeconds) {

    /** The replication role's name when the spec gives none. */
    public static final String DEFAULT_USER = "replicator";
    /** The pod networks when the spec gives none: the private IPv4 ranges (RFC 1918) and IPv6 unique local addresses (RFC 4193). */
    public static final List<String> DEFAULT_POD_NETWORKS = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");
    /** The replay lag beyond which a replica leaves the read Service, seconds. */
    public static final int DEFAULT_MAX_LAG_SECONDS = 300;
    /** The secret key of the replication password. */
    public static final String PASSWORD_KEY = "password";

    public ReadReplicas {
        podNetworks = List.copyOf(podNetworks);
    }
}
