package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.PostgresComponent;
import dev.shipshape.spec.SecretSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns spec environment variables into container {@code env}: literal values with references to
 * other components' connection details expanded, and secret keys read through {@code secretKeyRef}.
 *
 * <p>A reference is {@code ${<component>.host}}, {@code ${<component>.port}} or
 * {@code ${<component>.url}}: host is the component's Service name (an external database's host),
 * port its Service port, url {@code http://<host>:<port>} for web and Prometheus components and
 * {@code postgresql://<host>:<port>/<database>} for PostgreSQL.
 */
final class EnvironmentVariables {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([a-z]+)}");

    private final Application app;

    EnvironmentVariables(Application app) {
        this.app = app;
    }

    /**
     * The container env for spec variables, in spec order (a later variable may use an earlier one).
     *
     * @throws IllegalArgumentException naming the variable's location, for a reference to an unknown
     *                                  component or attribute, or an undeclared secret
     */
    List<EnvVar> of(List<dev.shipshape.spec.EnvVar> variables) {
        List<EnvVar> env = new ArrayList<>();
        for (dev.shipshape.spec.EnvVar variable : variables) {
            if (variable.secret() != null) {
                env.add(secretKey(variable.name(), variable.secret().secret(), variable.secret().key(), variable.location()));
            } else {
                env.add(literal(variable.name(), expand(variable.value(), variable.location())));
            }
        }
        return env;
    }

    /** A literal variable. */
    static EnvVar literal(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /**
     * A variable read from a key of a spec secret.
     *
     * @throws IllegalArgumentException if the spec declares no such secret
     */
    EnvVar secretKey(String name, String specSecret, String key, Location location) {
        return new EnvVarBuilder().withName(name)
                .withNewValueFrom().withNewSecretKeyRef().withName(secretName(specSecret, location)).withKey(key)
                .endSecretKeyRef().endValueFrom()
                .build();
    }

    /**
     * The Kubernetes Secret name of a spec secret.
     *
     * @throws IllegalArgumentException if the spec declares no such secret
     */
    String secretName(String specSecret, Location location) {
        SecretSource source = app.secrets().get(specSecret);
        if (source == null) {
            throw new IllegalArgumentException(location + ": secret " + specSecret + " is not declared under spec.secrets");
        }
        return source.secretName();
    }

    /**
     * Expands every {@code ${component.attribute}} reference in a literal value.
     *
     * @throws IllegalArgumentException for an unknown component or attribute
     */
    String expand(String value, Location location) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String componentName = matcher.group(1);
            Component component = app.component(componentName).orElseThrow(() -> new IllegalArgumentException(
                    location + ": ${" + componentName + "." + matcher.group(3) + "} names no component of " + app.name()));
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(attribute(component, matcher.group(3), location)));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    /** The host other components connect to: the Service name, or an external database's host. */
    static String host(Component component) {
        return component instanceof PostgresComponent postgres ? postgres.host() : component.name();
    }

    private static String attribute(Component component, String attribute, Location location) {
        return switch (attribute) {
            case "host" -> host(component);
            case "port" -> Integer.toString(component.servicePort());
            case "url" -> url(component);
            default -> throw new IllegalArgumentException(location + ": ${" + component.name() + "." + attribute
                    + "} is not a connection detail; use host, port or url");
        };
    }

    private static String url(Component component) {
        String authority = host(component) + ":" + component.servicePort();
        if (component instanceof PostgresComponent postgres) {
            return "postgresql://" + authority + "/" + postgres.database();
        }
        return "http://" + authority;
    }
}
