package dev.shipshape.model;

import dev.shipshape.spec.Application;
import dev.shipshape.spec.Component;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SecretSource;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns spec environment variables into container {@code env}: literal values with references to
 * other components' connection details expanded, and secret keys read through {@code secretKeyRef};
 * {@code envFrom} spec secrets become {@code envFrom.secretRef}.
 *
 * <p>A reference is {@code ${<component>.<name>}} with a name the component's
 * {@link dev.shipshape.spec.Endpoint#references()} offers: {@code host} (its Service name, or an
 * external server's host), {@code port} (its Service port) and {@code url} (for example
 * {@code http://<host>:<port>} or {@code postgresql://<host>:<port>/<database>}), and for a
 * component with a {@linkplain Component#readEndpoint() read-only endpoint} (a database's read
 * replicas) {@code readHost}, {@code readPort} and {@code readUrl}.
 */
public final class EnvironmentVariables {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([a-z0-9]([-a-z0-9]*[a-z0-9])?)\\.([A-Za-z]+)}");

    private final Application app;

    public EnvironmentVariables(Application app) {
        this.app = app;
    }

    /**
     * The container env for spec variables, in spec order (a later variable may use an earlier one).
     *
     * @throws IllegalArgumentException naming the variable's location, for a reference to an unknown
     *                                  component or attribute, or an undeclared secret
     */
    public List<EnvVar> of(List<dev.shipshape.spec.EnvVar> variables) {
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

    /**
     * {@code envFrom} of spec secrets: each Secret's keys all become variables
     * ({@code envFrom.secretRef}, Kubernetes "Configure all key-value pairs in a Secret as container
     * environment variables"), in spec order; {@code env} wins over them in Kubernetes, as here.
     *
     * @throws IllegalArgumentException if the spec declares no such secret
     */
    public List<EnvFromSource> fromSecrets(List<String> specSecrets) {
        return specSecrets.stream()
                .map(secret -> new EnvFromSourceBuilder().withNewSecretRef().withName(secretName(secret, app.location())).endSecretRef().build())
                .toList();
    }

    /** A literal variable. */
    public static EnvVar literal(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    /**
     * A variable read from a key of a spec secret.
     *
     * @throws IllegalArgumentException if the spec declares no such secret
     */
    public EnvVar secretKey(String name, String specSecret, String key, Location location) {
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
    public String secretName(String specSecret, Location location) {
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
    public String expand(String value, Location location) {
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

    private static String attribute(Component component, String attribute, Location location) {
        String value = component.references().get(attribute);
        if (value == null) {
            throw new IllegalArgumentException(location + ": ${" + component.name() + "." + attribute
                    + "} is not a connection detail " + component.name() + " offers");
        }
        return value;
    }
}
