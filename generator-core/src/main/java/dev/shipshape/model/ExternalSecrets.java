package dev.shipshape.model;

import dev.shipshape.spec.SecretSource;
import dev.shipshape.spec.SecretSource.ExternalSecretSource;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An External Secrets Operator {@code ExternalSecret} (external-secrets.io/v1) for each spec
 * secret that names one: it creates and owns the Secret the pods read, with the same name,
 * refreshed from the store every {@link #REFRESH_INTERVAL}. Secrets that already exist need nothing.
 */
final class ExternalSecrets {

    /** How often the operator re-reads the store (Go duration; ESO's documented example value). */
    static final String REFRESH_INTERVAL = "1h";
    /** The store kind when the spec names none. */
    static final String DEFAULT_STORE_KIND = "SecretStore";

    private final Labels labels;
    private final Metadata metadata;

    ExternalSecrets(Labels labels, Metadata metadata) {
        this.labels = labels;
        this.metadata = metadata;
    }

    /** The target Secret: its name, owned by the ExternalSecret, and a type other than Opaque as the target template's type. */
    private static Map<String, Object> target(SecretSource secret) {
        OrderedMap target = OrderedMap.builder().put("name", secret.secretName()).put("creationPolicy", "Owner");
        if (!SecretSource.OPAQUE.equals(secret.type())) {
            target.put("template", Map.of("type", secret.type()));
        }
        return target.build();
    }

    /** The ExternalSecret of a spec secret, or empty for an existing Secret. */
    Optional<HasMetadata> of(SecretSource secret) {
        ExternalSecretSource source = secret.externalSecret();
        if (source == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> data = new TreeMap<>(source.data()).entrySet().stream()
                .map(entry -> OrderedMap.builder()
                        .put("secretKey", entry.getKey())
                        .put("remoteRef", Map.of("key", entry.getValue()))
                        .build())
                .toList();
        Map<String, Object> spec = OrderedMap.builder()
                .put("refreshInterval", REFRESH_INTERVAL)
                .put("secretStoreRef", OrderedMap.builder()
                        .put("name", source.store())
                        .put("kind", source.storeKind() != null ? source.storeKind() : DEFAULT_STORE_KIND)
                        .build())
                .put("target", target(secret))
                .put("data", data)
                .build();
        return Optional.of(CustomResource.EXTERNAL_SECRET.build(metadata.of(secret.name(), labels.application()), spec));
    }
}
