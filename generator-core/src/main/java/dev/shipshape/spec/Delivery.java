package dev.shipshape.spec;

/**
 * The Git repository Flux reconciles from: where the generated output is committed.
 *
 * @param repository       Git URL (https or ssh)
 * @param branch           branch to follow
 * @param path             the output directory's path inside the repository, without leading {@code ./}
 * @param interval         reconcile interval, Go duration syntax (for example {@code 5m})
 * @param decryptionSecret the Secret in {@code flux-system} holding the private key Flux decrypts sops
 *                         files with (a Flux Kustomization's {@code spec.decryption.secretRef.name})
 */
public record Delivery(String repository, String branch, String path, String interval, String decryptionSecret) {

    /**
     * The key Secret's name when the spec names none: {@code sops-age}, the name the Flux sops
     * guide creates ({@code kubectl create secret generic sops-age --namespace=flux-system
     * --from-file=age.agekey=/dev/stdin}, https://fluxcd.io/flux/guides/mozilla-sops/).
     */
    public static final String DEFAULT_DECRYPTION_SECRET = "sops-age";

    /** A delivery whose sops key Secret is {@value #DEFAULT_DECRYPTION_SECRET}. */
    public Delivery(String repository, String branch, String path, String interval) {
        this(repository, branch, path, interval, DEFAULT_DECRYPTION_SECRET);
    }
}
