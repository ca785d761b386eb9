package dev.shipshape.spec;

/**
 * An environment variable of a component: a literal value (which may reference another
 * component's connection details as {@code ${db.url}}) or a key of a spec secret.
 *
 * @param name     a C identifier ({@code [A-Za-z_][A-Za-z0-9_]*})
 * @param value    the literal value, or {@code null} when {@code secret} is set
 * @param secret   the secret key, or {@code null} when {@code value} is set
 * @param location where the variable is written
 */
public record EnvVar(String name, String value, SecretKeyReference secret, Location location) {
}
