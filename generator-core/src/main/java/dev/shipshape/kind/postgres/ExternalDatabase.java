package dev.shipshape.kind.postgres;

/**
 * A managed PostgreSQL server outside the cluster (Cloud SQL, RDS).
 *
 * @param host host name or IP the application connects to
 * @param port TCP port
 * @param cidr the network the server lives in, for the egress NetworkPolicy; {@code null} allows any address on {@code port}
 */
public record ExternalDatabase(String host, int port, String cidr) {
}
