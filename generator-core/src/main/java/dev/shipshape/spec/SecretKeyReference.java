package dev.shipshape.spec;

/**
 * A key of a secret declared in the spec's {@code secrets}.
 *
 * @param secret the spec secret's name
 * @param key    the key inside it
 */
public record SecretKeyReference(String secret, String key) {
}
