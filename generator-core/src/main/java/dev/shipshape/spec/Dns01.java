package dev.shipshape.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * How the Let's Encrypt issuer shipshape emits proves control of a host by DNS-01 instead of
 * HTTP-01 ({@code spec.tls.dns01}): one cert-manager DNS-01 provider with cert-manager's own field
 * names (cert-manager.io/docs/configuration/acme/dns01), except that each {@code *SecretRef} names
 * a spec secret and one of its keys ({@code {secret, key}}) rather than a Kubernetes Secret. A
 * challenge answered in the zone is the same for every cluster serving a host, so several clusters
 * (regions behind geo-DNS) can each obtain its certificate.
 *
 * @param provider the cert-manager provider: {@code cloudDNS}, {@code route53}, {@code cloudflare} or {@code azureDNS}
 * @param settings the provider's fields as written, sorted; secret references still {@code {secret, key}}
 * @param pointer  the JSON Pointer of the provider's entry ({@code /spec/tls/dns01/<provider>})
 */
public record Dns01(String provider, SortedMap<String, Object> settings, String pointer) {

    /** The providers shipshape accepts, each with the fields of cert-manager's solver of that name. */
    public static final List<String> PROVIDERS = List.of("cloudDNS", "route53", "cloudflare", "azureDNS");

    /**
     * A reference to a key of a spec secret inside the settings.
     *
     * @param field   the settings field holding it ({@code serviceAccountSecretRef})
     * @param secret  the spec secret's name
     * @param key     the key in it
     * @param pointer where the reference's {@code secret} is written
     */
    public record SecretKey(String field, String secret, String key, String pointer) {
    }

    /** The secret references of the settings, in field order. */
    public List<SecretKey> secretKeys() {
        List<SecretKey> keys = new ArrayList<>();
        settings.forEach((field, value) -> {
            if (value instanceof Map<?, ?> ref && ref.get("secret") instanceof String secret) {
                keys.add(new SecretKey(field, secret, String.valueOf(ref.get("key")), pointer + "/" + field + "/secret"));
            }
        });
        return List.copyOf(keys);
    }
}
