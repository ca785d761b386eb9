package dev.shipshape.spec;

import java.util.SortedMap;

/**
 * Where a secret comes from; a spec never holds a secret value. Either a Secret created out of
 * band ({@code existing}) or an External Secrets Operator {@code ExternalSecret} that creates it.
 *
 * @param name           the name the spec uses for it
 * @param existing       the name of a Secret that already exists in the namespace, or {@code null}
 * @param externalSecret the External Secrets source, or {@code null}
 * @param location       where it is declared
 * @param type           the Secret's {@code type}: {@value #OPAQUE}, or {@code kubernetes.io/dockerconfigjson} for image pull secrets
 */
public record SecretSource(String name, String existing, ExternalSecretSource externalSecret, Location location, String type) {

    /** The type of a Secret of arbitrary keys, when the spec names none. */
    public static final String OPAQUE = "Opaque";

    /** An {@value #OPAQUE} secret. */
    public SecretSource(String name, String existing, ExternalSecretSource externalSecret, Location location) {
        this(name, existing, externalSecret, location, OPAQUE);
    }

    /** The name of the Kubernetes Secret pods read: {@code existing}, or the spec name for an ExternalSecret. */
    public String secretName() {
        return existing != null ? existing : name;
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
