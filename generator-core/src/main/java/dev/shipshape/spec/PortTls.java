package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * TLS served by the process itself on a port (the base schema's {@code $defs/portTls}, seed 003:
 * "the foobar-api needs a TLS certificate to boot"): a cert-manager Certificate whose Secret is
 * mounted read-only into the pod, after which the Service port's {@code appProtocol} is
 * {@code https}, probes on the port use scheme {@code HTTPS}, routes speak HTTPS to it and users
 * get an {@code https://} (or {@code grpcs://}) URL.
 *
 * @param mountPath where the Secret's files are mounted, an absolute directory
 * @param issuer    the issuer the spec names, or {@code null} for the application's internal CA
 * @param dnsNames  the names the certificate is for; empty for the component's in-cluster names
 * @param certFile  the file name of the certificate chain ({@value #CERT_KEY} unless renamed)
 * @param keyFile   the file name of the private key ({@value #KEY_KEY} unless renamed)
 */
public record PortTls(String mountPath, IssuerRef issuer, List<String> dnsNames, String certFile, String keyFile) {

    /** The Secret key of the certificate chain (cert-manager, kubernetes.io/tls). */
    public static final String CERT_KEY = "tls.crt";
    /** The Secret key of the private key. */
    public static final String KEY_KEY = "tls.key";
    /** The Secret key of the issuing CA's certificate, which a CA Issuer writes (an ACME issuer does not). */
    public static final String CA_KEY = "ca.crt";

    /**
     * A cert-manager {@code issuerRef} (cert-manager.io/docs/reference/api-docs/#meta.cert-manager.io/v1.IssuerReference).
     *
     * @param name  its name
     * @param kind  {@code ClusterIssuer} or {@code Issuer} (in the application's namespace)
     * @param trust how a Gateway verifies the certificates it signs, or {@code null} when the spec does not say
     */
    public record IssuerRef(String name, String kind, Trust trust) {
    }

    /** How a client verifies the certificates of an issuer (the schema's {@code issuer.trust}). */
    public enum Trust {
        /** The issuer writes its CA into each certificate Secret's {@value PortTls#CA_KEY} (cert-manager's CA and Vault issuers). */
        CA_CRT("ca.crt"),
        /** The issuer's root is in the system trust store (a public ACME CA). */
        SYSTEM("system");

        private final String specName;

        Trust(String specName) {
            this.specName = specName;
        }

        /** The spec's name of this trust. */
        public String specName() {
            return specName;
        }

        static Trust of(String specName) {
            return specName == null ? null : List.of(values()).stream().filter(t -> t.specName.equals(specName)).findFirst().orElseThrow();
        }
    }

    /**
     * How a Gateway verifies this port's certificate: the internal CA writes {@value #CA_KEY}; a named
     * issuer says so in {@code trust} ({@code null} when it does not).
     */
    public Trust trust() {
        return internalIssuer() ? Trust.CA_CRT : issuer.trust();
    }

    /** @param dnsNames copied */
    public PortTls {
        dnsNames = List.copyOf(dnsNames);
    }

    /** The name of the Certificate and Secret of a component's TLS port: {@code <component>-<port>-tls}. */
    public static String secretName(String component, String port) {
        return component + "-" + port + "-tls";
    }

    /** Whether the application's internal CA issues the certificate (no issuer named). */
    public boolean internalIssuer() {
        return issuer == null;
    }

    /** Whether a file is renamed, so the volume projects the Secret's keys onto the spec's file names. */
    public boolean renamed() {
        return !CERT_KEY.equals(certFile) || !KEY_KEY.equals(keyFile);
    }

    /** Reads a schema-valid {@code tls} entry of a port. */
    static PortTls read(JsonNode tls) {
        JsonNode issuer = tls.path("issuer");
        return new PortTls(tls.path("mountPath").asText(),
                TreeValues.present(tls, "issuer") ? new IssuerRef(issuer.path("name").asText(), TreeValues.text(issuer, "kind", "ClusterIssuer"),
                        Trust.of(TreeValues.text(issuer, "trust", null))) : null,
                TreeValues.texts(tls, "dnsNames"), TreeValues.text(tls, "certFile", CERT_KEY), TreeValues.text(tls, "keyFile", KEY_KEY));
    }
}
