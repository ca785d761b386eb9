package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;
import java.util.function.Function;

/**
 * An environment variable of a component: a literal value (which may reference another
 * component's connection details as {@code ${db.url}}) or a key of a spec secret.
 *
 * @param name     a C identifier ({@code [A-Za-z_][A-Za-z0-9_]*})
 * @param value    the literal value, or {@code null} when {@code secret} is set
 * @param secret   the secret key, or {@code null} when {@code value} is set
 * @param location where the variable is written
 * @param group    the {@code spec.envGroups} group it comes from ({@code envFrom}), or {@code null} for the component's own {@code env}
 */
public record EnvVar(String name, String value, SecretKeyReference secret, Location location, String group) {

    /** A variable of the component's own {@code env}. */
    public EnvVar(String name, String value, SecretKeyReference secret, Location location) {
        this(name, value, secret, location, null);
    }

    /** The JSON pointer of the variable's value: under the group, or under {@code componentPointer/env}. */
    public String pointer(String componentPointer) {
        String at = group != null ? JsonPointers.child(EnvGroups.POINTER, group) : componentPointer + "/env";
        return JsonPointers.child(at, name);
    }

    /**
     * Binds an env mapping of a schema-valid tree ({@code $defs/componentEnv}), in spec order.
     *
     * @param env       the mapping (missing for none)
     * @param pointer   its JSON pointer
     * @param group     the group it defines, or {@code null} for a component's own env
     * @param locations the location of the key at a pointer
     */
    public static List<EnvVar> bind(JsonNode env, String pointer, String group, Function<String, Location> locations) {
        List<EnvVar> vars = new ArrayList<>();
        for (Entry<String, JsonNode> var : env.properties()) {
            Location location = locations.apply(JsonPointers.child(pointer, var.getKey()));
            JsonNode value = var.getValue();
            vars.add(value.isObject()
                    ? new EnvVar(var.getKey(), null, new SecretKeyReference(value.path("secret").asText(), value.path("key").asText()), location, group)
                    : new EnvVar(var.getKey(), value.asText(), null, location, group));
        }
        return List.copyOf(vars);
    }
}
