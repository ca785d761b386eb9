package dev.shipshape.kind.cache;

import dev.shipshape.spec.Component;
import dev.shipshape.spec.Endpoint;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.Resources;
import dev.shipshape.spec.SecretKeyReference;
import dev.shipshape.spec.Workload;

import java.util.List;
import java.util.Optional;

/**
 * A Redis or Valkey cache: a one-replica StatefulSet in the cluster (optionally persistent), or a
 * managed server outside it (ElastiCache, Memorystore) reached by host.
 *
 * @param name            component name
 * @param engine          {@code redis} or {@code valkey}
 * @param image           the server image (in the cluster)
 * @param persistence     the append-only file's volume, or {@code null} for a memory-only cache
 * @param password        the secret key holding the password ({@code requirepass}), or {@code null} for none
 * @param maxmemory       the memory cap, bytes, or {@code null} to derive it from the memory limit
 * @param maxmemoryPolicy what the server does at the cap ({@code noeviction}, {@code allkeys-lru}, ...)
 * @param resources       requests and limits of the server
 * @param external        the managed server, or {@code null} for in-cluster
 * @param location        where the component is declared
 */
public record CacheComponent(
        String name,
        Engine engine,
        ImageReference image,
        Persistence persistence,
        SecretKeyReference password,
        String maxmemory,
        String maxmemoryPolicy,
        Resources resources,
        External external,
        Location location) implements Component {

    /** The Redis protocol's well-known port. */
    public static final int DEFAULT_PORT = 6379;

    /**
     * The server: its binaries and default image.
     *
     * @param server the server binary
     * @param cli    the command-line client
     * @param image  the official image repository, pinned by version tag
     */
    public enum Engine {
        /** Redis (Docker Official Image {@code redis}). */
        REDIS("redis-server", "redis-cli", "docker.io/library/redis", "7.4.1"),
        /** Valkey, the Linux Foundation fork of Redis ({@code valkey/valkey}). */
        VALKEY("valkey-server", "valkey-cli", "docker.io/valkey/valkey", "8.0.1");

        private final String server;
        private final String cli;
        private final String image;
        private final String defaultVersion;

        Engine(String server, String cli, String image, String defaultVersion) {
            this.server = server;
            this.cli = cli;
            this.image = image;
            this.defaultVersion = defaultVersion;
        }

        /** The server binary. */
        public String server() {
            return server;
        }

        /** The client binary. */
        public String cli() {
            return cli;
        }

        /** The image of a version: {@code <repository>:<version>}. */
        public String image(String version) {
            return image + ":" + (version != null ? version : defaultVersion);
        }

        /** The spec's name for it, {@code redis} or {@code valkey}. */
        public String specName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The engine a spec names. */
        public static Engine of(String specName) {
            return valueOf(specName.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * The volume that keeps the append-only file across restarts.
     *
     * @param size         PVC size (Kubernetes quantity, bytes)
     * @param storageClass StorageClass, or {@code null} for the cluster default
     */
    public record Persistence(String size, String storageClass) {
    }

    /**
     * A managed server outside the cluster.
     *
     * @param host the server's DNS name
     * @param port its port
     * @param tls  whether clients connect with TLS ({@code rediss://})
     * @param cidr the network it lives in, or {@code null} when unknown
     */
    public record External(String host, int port, boolean tls, String cidr) {
    }

    @Override
    public String type() {
        return CacheKind.TYPE;
    }

    /** {@code <name>-headless}, the StatefulSet's governing Service. */
    @Override
    public List<String> derivedNames() {
        return List.of(headlessName());
    }

    /** The headless Service that governs the StatefulSet. */
    public String headlessName() {
        return name + "-headless";
    }

    /** True when the server runs in the cluster. */
    public boolean inCluster() {
        return external == null;
    }

    /**
     * {@code redis://<host>:<port>}, or {@code rediss://} for an external server with TLS; never with
     * the password, which clients read from the secret themselves.
     */
    @Override
    public Optional<Endpoint> endpoint() {
        if (inCluster()) {
            return Optional.of(Endpoint.inCluster(name, DEFAULT_PORT, "redis"));
        }
        return Optional.of(new Endpoint(external.host(), external.port(), external.port(), external.tls() ? "rediss" : "redis", "",
                new Endpoint.ExternalNetwork(external.cidr())));
    }

    @Override
    public Optional<Workload> workload() {
        return inCluster() ? Optional.of(new Workload(Workload.STATEFUL_SET, name, null)) : Optional.empty();
    }

    @Override
    public String role() {
        return "cache";
    }
}
