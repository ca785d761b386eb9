package dev.shipshape.spec;

import java.util.SortedMap;

/**
 * Where a secret comes from; a spec never holds a secret value. A Secret created out of band
 * ({@code existing}), an External Secrets Operator {@code ExternalSecret} that creates it, or a
 * sops-encrypted Secret manifest in the repository that Flux decrypts ({@code sops}).
 *
 * @param name           the name the spec uses for it
 * @param existing       the name of a Secret that already exists in the namespace, or {@code null}
 * @param externalSecret the External Secrets source, or {@code null}
 * @param location       where it is declared
 * @param type           the Secret's {@code type}: {@value #OPAQUE}, or {@code kubernetes.io/dockerconfigjson} for image pull secrets
 * @param sops           the sops-encrypted Secret manifest, or {@code null}
 */
public record SecretSource(String name, String existing, ExternalSecretSource externalSecret, Location location, String type,
                           SopsFile sops) {

    /** The type of a Secret of arbitrary keys, when the spec names none. */
    public static final String OPAQUE = "Opaque";

    /** An {@value #OPAQUE} secret. */
    public SecretSource(String name, String existing, ExternalSecretSource externalSecret, Location location) {
        this(name, existing, externalSecret, location, OPAQUE);
    }

    /** A secret that is not a sops file. */
    public SecretSource(String name, String existing, ExternalSecretSource externalSecret, Location location, String type) {
        this(name, existing, externalSecret, location, type, null);
    }

    /** The name of the Kubernetes Secret pods read: {@code existing}, or the spec name for an ExternalSecret or a sops file. */
    public String secretName() {
        return existing != null ? existing : name;
    }

    /**
     * The keys the Secret is known to hold, sorted: an ExternalSecret's {@code data} keys or a sops
     * file's {@code data}/{@code stringData} keys (sops leaves keys in clear text); empty for an
     * existing Secret, whose keys shipshape cannot see.
     */
    public java.util.Optional<java.util.SortedSet<String>> keys() {
        if (externalSecret != null) {
            return java.util.Optional.of(new java.util.TreeSet<>(externalSecret.data().keySet()));
        }
        return sops == null ? java.util.Optional.empty() : java.util.Optional.of(sops.keys());
    }

    /** Where a key the spec reads must be added: the ExternalSecret's {@code data}, or the sops file with {@code sops edit}. */
    public String whereKeysAreDeclared() {
        return sops != null ? "`" + sops.path() + "` (with `sops edit " + sops.path() + "`)"
                : "spec.secrets." + name + ".externalSecret.data";
    }

    /**
     * An External Secrets Operator source.
     *
     * @param store     the SecretStore or ClusterSecretStore name
     * @param storeKind {@code SecretStore} or {@code ClusterSecretStore}
     * @param data      Secret key to remote key, sorted by Secret key
     */
    public record ExternalSecretSource(String store, String storeKind, SortedMap<String, String> data) {
    }
}
