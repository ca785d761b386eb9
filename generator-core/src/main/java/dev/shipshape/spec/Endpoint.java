package dev.shipshape.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a component offers to the components that {@code uses} it: where to connect and the
 * connection references ({@code ${<component>.<reference>}}) env values may use.
 *
 * @param host     the Service name in the application's namespace, or an external server's DNS name
 * @param port     the port clients connect to (the Service port, or the external server's port)
 * @param podPort  the port its pods listen on, which NetworkPolicies admit (equal to {@code port} for an external server)
 * @param scheme   the URL scheme of {@link #url()}, for example {@code http} or {@code postgresql}
 * @param path     what follows {@code host:port} in the URL ({@code ""} or {@code /<database>})
 * @param external the network of a server outside the cluster, or {@code null} when its pods run in the cluster
 */
public record Endpoint(String host, int port, int podPort, String scheme, String path, ExternalNetwork external) {

    /**
     * A server outside the cluster, reached through an egress rule to an address block.
     *
     * @param cidr the block its addresses are in, or {@code null} when unknown (then any address, on the port only)
     */
    public record ExternalNetwork(String cidr) {
    }

    /** An in-cluster endpoint whose Service port is its pods' port. */
    public static Endpoint inCluster(String host, int port, String scheme) {
        return new Endpoint(host, port, port, scheme, "", null);
    }

    /** {@code <scheme>://<host>:<port><path>}. */
    public String url() {
        return scheme + "://" + host + ":" + port + path;
    }

    /** Whether the server runs outside the cluster. */
    public boolean isExternal() {
        return external != null;
    }

    /** The references env values may use, by name, in a fixed order: {@code host}, {@code port}, {@code url}. */
    public Map<String, String> references() {
        Map<String, String> references = new LinkedHashMap<>();
        references.put("host", host);
        references.put("port", Integer.toString(port));
        references.put("url", url());
        return references;
    }

    /**
     * The names a read-only endpoint's references go by: {@code readHost}, {@code readPort},
     * {@code readUrl} (see {@link dev.shipshape.spec.Component#readEndpoint()}).
     */
    public Map<String, String> readReferences() {
        Map<String, String> references = new LinkedHashMap<>();
        references().forEach((name, value) -> references.put("read" + Character.toUpperCase(name.charAt(0)) + name.substring(1), value));
        return references;
    }
}
