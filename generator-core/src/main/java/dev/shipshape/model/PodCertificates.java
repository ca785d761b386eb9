package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.PortTls;
import dev.shipshape.spec.ServedPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The certificates a component's processes serve TLS with themselves ({@link PortTls}, seed 003):
 * per TLS port a cert-manager Certificate {@code <component>-<port>-tls}, its Secret mounted
 * read-only into the main container as the volume {@code <port>-tls}, and — when a port names no
 * issuer — the application's internal CA, which issues in-cluster names that no ACME server can:
 * a self-signed {@code Issuer <app>-selfsigned}, the CA Certificate {@code <app>-ca}
 * ({@code isCA}, ten years, its key kept on renewal) and the CA {@code Issuer <app>-ca} that signs
 * with it (cert-manager.io/docs/configuration/selfsigned, "Bootstrapping CA Issuers").
 *
 * <p>Renewal: the kubelet refreshes the files of a Secret volume mounted without {@code subPath}
 * when cert-manager renews the certificate (within its sync period, about a minute), so the
 * process must reload them; no pod annotation can roll the pods on renewal, since the Secret's
 * content exists only in the cluster, never at build time (a controller such as Stakater Reloader,
 * through a patch, can).
 *
 * <p>Deletion: every client that trusts the internal CA trusts its key, so a new CA means
 * re-trusting everywhere; the CA Certificate carries {@link DeletionProtection}, so that neither
 * Flux's prune nor {@code helm uninstall} deletes it — and with it, on a cert-manager run with
 * {@code --enable-certificate-owner-ref}, the CA Secret.
 */
public final class PodCertificates {

    /** CA certificate lifetime: ten years, cert-manager's duration syntax. */
    static final String CA_DURATION = "87600h";

    /** CA key: ECDSA P-256, kept on renewal, so leaf certificates issued before a renewal still chain to the renewed CA. */
    private static final Map<String, Object> CA_KEY = OrderedMap.builder()
            .put("algorithm", "ECDSA")
            .put("size", 256)
            .put("rotationPolicy", "Never")
            .build();

    private final Application app;
    private final Labels labels;
    private final Metadata metadata;

    public PodCertificates(Application app, Labels labels, Metadata metadata) {
        this.app = app;
        this.labels = labels;
        this.metadata = metadata;
    }

    /** The name of the Certificate and Secret of a TLS port: {@code <component>-<port>-tls}. */
    public static String secretName(String component, ServedPort port) {
        return PortTls.secretName(component, port.name());
    }

    /** The name of the pod volume of a TLS port's Secret: {@code <port>-tls}. */
    public static String volumeName(ServedPort port) {
        return port.name() + "-tls";
    }

    /** The name of the internal CA's Certificate, Secret and CA Issuer: {@code <app>-ca}. */
    public static String caName(String application) {
        return application + "-ca";
    }

    /** The name of the self-signed Issuer that signs the internal CA: {@code <app>-selfsigned}. */
    public static String selfSignedName(String application) {
        return application + "-selfsigned";
    }

    /** The in-cluster names of a component: {@code <c>}, {@code <c>.<ns>}, {@code <c>.<ns>.svc}, {@code <c>.<ns>.svc.cluster.local}. */
    public static List<String> internalNames(String component, String namespace) {
        String svc = serviceName(component, namespace);
        return List.of(component, component + "." + namespace, svc, svc + ".cluster.local");
    }

    /** The name of a component's Service independent of the cluster domain: {@code <c>.<ns>.svc}. */
    public static String serviceName(String component, String namespace) {
        return component + "." + namespace + ".svc";
    }

    /** The ports of a component whose process serves TLS, in spec order. */
    public static List<ServedPort> tlsPorts(Component component) {
        return component.servedPorts().stream().filter(ServedPort::servesTls).toList();
    }

    /** Whether some component's TLS port names no issuer, so the application's internal CA is needed. */
    public boolean needsInternalCa() {
        return app.components().stream().flatMap(c -> tlsPorts(c).stream()).anyMatch(p -> p.tls().internalIssuer());
    }

    /** The internal CA chain (self-signed Issuer, CA Certificate, CA Issuer) when some port needs it, else nothing. */
    public List<HasMetadata> internalCa() {
        if (!needsInternalCa()) {
            return List.of();
        }
        String ca = caName(app.name());
        HasMetadata selfSigned = CustomResource.ISSUER.build(metadata.of(selfSignedName(app.name()), labels.application()),
                Map.of("selfSigned", Map.of()));
        Map<String, Object> caSpec = OrderedMap.builder()
                .put("isCA", true)
                .put("commonName", ca)
                .put("secretName", ca)
                .put("duration", CA_DURATION)
                .put("privateKey", CA_KEY)
                .put("issuerRef", TlsObjects.issuerRef(selfSignedName(app.name()), "Issuer"))
                .build();
        HasMetadata caCertificate = CustomResource.CERTIFICATE.build(
                metadata.of(ca, labels.application(), DeletionProtection.annotations()), caSpec);
        HasMetadata caIssuer = CustomResource.ISSUER.build(metadata.of(ca, labels.application()), Map.of("ca", Map.of("secretName", ca)));
        return List.of(selfSigned, caCertificate, caIssuer);
    }

    /** Per TLS port of the component, its Certificate: the spec's DNS names or the in-cluster ones, from the spec's issuer or the internal CA. */
    public List<HasMetadata> certificates(Component component) {
        List<HasMetadata> certificates = new ArrayList<>();
        for (ServedPort port : tlsPorts(component)) {
            PortTls tls = port.tls();
            Map<String, Object> spec = OrderedMap.builder()
                    .put("secretName", secretName(component.name(), port))
                    .put("dnsNames", tls.dnsNames().isEmpty() ? internalNames(component.name(), app.namespace()) : tls.dnsNames())
                    .put("issuerRef", tls.internalIssuer() ? TlsObjects.issuerRef(caName(app.name()), "Issuer") : TlsObjects.issuerRef(tls.issuer().name(), tls.issuer().kind()))
                    .put("privateKey", TlsObjects.PRIVATE_KEY)
                    .build();
            certificates.add(CustomResource.CERTIFICATE.build(metadata.of(secretName(component.name(), port), labels.component(component)), spec));
        }
        return certificates;
    }

    /**
     * Per TLS port, the Secret volume of its certificate; with renamed files, the Secret's keys
     * projected onto the spec's names ({@code ca.crt} too from the internal CA, which always writes it).
     */
    public static List<Volume> volumes(Component component) {
        List<Volume> volumes = new ArrayList<>();
        for (ServedPort port : tlsPorts(component)) {
            PortTls tls = port.tls();
            var secret = new VolumeBuilder().withName(volumeName(port)).withNewSecret().withSecretName(secretName(component.name(), port));
            if (tls.renamed()) {
                List<KeyToPath> items = new ArrayList<>(List.of(new KeyToPath(PortTls.CERT_KEY, null, tls.certFile()),
                        new KeyToPath(PortTls.KEY_KEY, null, tls.keyFile())));
                if (tls.internalIssuer()) {
                    items.add(new KeyToPath(PortTls.CA_KEY, null, PortTls.CA_KEY));
                }
                secret.withItems(items);
            }
            volumes.add(secret.endSecret().build());
        }
        return volumes;
    }

    /** Per TLS port, the read-only mount of its certificate at the port's {@code mountPath}. */
    public static List<VolumeMount> mounts(Component component) {
        return tlsPorts(component).stream().map(port -> new VolumeMountBuilder().withName(volumeName(port))
                .withMountPath(port.tls().mountPath()).withReadOnly(true).build()).toList();
    }
}
