package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A named port a component's container listens on and its Service serves (the base schema's
 * {@code $defs/servedPort}).
 *
 * @param name        the container and Service port name, an IANA service name (at most 15 characters)
 * @param port        the container port (1-65535)
 * @param servicePort the port the Service listens on (1-65535), {@code port} unless the spec says otherwise
 * @param protocol    what the port speaks
 * @param expose      the LoadBalancer Service that exposes the port outside the cluster, or {@code null}
 * @param tls         the TLS the process serves on the port itself, or {@code null} for cleartext
 * @param pointer     the JSON pointer of the port's entry, for problems
 */
public record ServedPort(String name, int port, int servicePort, Protocol protocol, Exposure expose, PortTls tls, String pointer) {

    /** What a port speaks. */
    public enum Protocol {
        /** HTTP/1.1 over TCP. */
        HTTP("TCP", "http"),
        /** gRPC: HTTP/2 over cleartext TCP. */
        GRPC("TCP", "kubernetes.io/h2c"),
        /** Any TCP protocol. */
        TCP("TCP", null),
        /** Any UDP protocol. */
        UDP("UDP", null);

        private final String transport;
        private final String appProtocol;

        Protocol(String transport, String appProtocol) {
            this.transport = transport;
            this.appProtocol = appProtocol;
        }

        /** The Kubernetes port protocol: {@code TCP} or {@code UDP}. */
        public String transport() {
            return transport;
        }

        /**
         * The Service port's {@code appProtocol}, or {@code null} when the port speaks no protocol
         * shipshape knows. Kubernetes (Service, "Application protocol",
         * kubernetes.io/docs/concepts/services-networking/service/#application-protocol) takes IANA
         * service names ({@code http}) and its own prefixed names, of which {@code kubernetes.io/h2c}
         * is HTTP/2 over cleartext as described in RFC 7540 — what gRPC without TLS speaks.
         */
        public String appProtocol() {
            return appProtocol;
        }

        /** The spec's name: {@code http}, {@code grpc}, {@code tcp} or {@code udp}. */
        public String specName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A port exposed outside the cluster by a Service of type {@code LoadBalancer}.
     *
     * @param sourceRanges the client CIDRs the load balancer admits ({@code loadBalancerSourceRanges}); empty admits any address
     */
    public record Exposure(List<String> sourceRanges) {

        /** @param sourceRanges copied */
        public Exposure {
            sourceRanges = List.copyOf(sourceRanges);
        }
    }

    /** The port name of web's {@code port: N} shorthand. */
    public static final String HTTP_SHORTHAND = "http";

    /** The Service port's {@code appProtocol} for what speaks TLS itself. */
    public static final String HTTPS = "https";

    /**
     * The Service port's {@code appProtocol}: {@value #HTTPS} (the IANA service name of HTTP over
     * TLS, which gRPC over TLS is too) for a TLS port, else what its protocol speaks
     * ({@link Protocol#appProtocol()}), {@code null} for plain TCP and UDP.
     */
    public String appProtocol() {
        return tls != null && protocol.appProtocol() != null ? HTTPS : protocol.appProtocol();
    }

    /** The URL scheme of the port: {@code https} or {@code grpcs} for a TLS port, else the protocol's spec name. */
    public String scheme() {
        return tls != null && protocol.appProtocol() != null ? protocol.specName() + "s" : protocol.specName();
    }

    /** Whether the process serves TLS on the port itself. */
    public boolean servesTls() {
        return tls != null;
    }

    /** Whether the port speaks TCP (HTTP, gRPC or plain TCP), so a TCP, HTTP or gRPC probe can reach it. */
    public boolean isTcp() {
        return protocol.transport().equals("TCP");
    }

    /** The ports of {@code ports} exposed through a LoadBalancer Service, in order. */
    public static List<ServedPort> exposed(List<ServedPort> ports) {
        return ports.stream().filter(p -> p.expose() != null).toList();
    }

    /** {@code <component>-<port name>}, the LoadBalancer Service of an exposed port. */
    public static String loadBalancerName(String component, ServedPort port) {
        return component + "-" + port.name();
    }

    /** Reads a schema-valid {@code ports} map in spec order, a port without {@code protocol} speaking {@link Protocol#HTTP} (web's). */
    public static List<ServedPort> read(JsonNode ports, String pointer) {
        return read(ports, pointer, Protocol.HTTP);
    }

    /**
     * Reads a schema-valid {@code ports} map in spec order.
     *
     * @param ports           the map's tree; missing or {@code null} reads as no ports
     * @param pointer         the map's JSON pointer
     * @param defaultProtocol what a port without {@code protocol} speaks (the kind's default)
     */
    public static List<ServedPort> read(JsonNode ports, String pointer, Protocol defaultProtocol) {
        List<ServedPort> read = new ArrayList<>();
        ports.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            int port = TreeValues.integer(value, "port", 0);
            JsonNode expose = value.path("expose");
            read.add(new ServedPort(entry.getKey(), port, TreeValues.integer(value, "servicePort", port),
                    Protocol.valueOf(TreeValues.text(value, "protocol", defaultProtocol.specName()).toUpperCase(Locale.ROOT)),
                    TreeValues.present(value, "expose") ? new Exposure(TreeValues.texts(expose, "sourceRanges")) : null,
                    TreeValues.present(value, "tls") ? PortTls.read(value.get("tls")) : null,
                    JsonPointers.child(pointer, entry.getKey())));
        });
        return List.copyOf(read);
    }

    /** Web's {@code port: N}: an http port named {@value #HTTP_SHORTHAND}, Service port N. */
    public static ServedPort shorthand(int port, String pointer) {
        return new ServedPort(HTTP_SHORTHAND, port, port, Protocol.HTTP, null, null, pointer);
    }
}
