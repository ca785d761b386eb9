package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.SecretSource;

import java.util.stream.Stream;

/**
 * The sops-encrypted Secrets of one environment ({@code spec.secrets.<name>.sops}): never model
 * objects, because shipshape cannot read their values — the Kustomize renderer copies each file
 * verbatim into the environment's overlay ({@link OutputLayout#sopsSecret}), and the Flux
 * Kustomizations that apply the overlay decrypt them ({@link FluxObjects}). A Helm chart cannot
 * hold them: the spec checks refuse the Helm method for an environment with one, and a chart
 * installed without Flux needs {@code sops --decrypt <file> | kubectl apply -f -} first.
 */
public final class SopsSecrets {

    private SopsSecrets() {
    }

    /** The environment's sops secrets in spec-name order; none for {@code null} (an environment the spec does not have). */
    public static Stream<SecretSource> of(Application environment) {
        return environment == null ? Stream.empty()
                : environment.secrets().values().stream().filter(secret -> secret.sops() != null);
    }
}
