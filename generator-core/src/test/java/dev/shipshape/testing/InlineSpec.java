package dev.shipshape.testing;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.model.ApplicationModel;
import dev.shipshape.model.ModelBuilder;
import dev.shipshape.spec.ApplicationSpec;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A spec a test writes inline: the standard header, the {@code spec.secrets} entries of existing
 * Secrets, then the test's body — what stands under {@code spec:}, written from column 0 (a text
 * block) and indented by two spaces. The file, {@code <name>.yaml}, reads:
 * <pre>
 * 1 apiVersion: shipshape.dev/v1alpha1
 * 2 kind: Application
 * 3 metadata: {name: NAME, version: VERSION}
 * 4 spec:
 * 5   secrets:                        (only with existing secrets, one line each after it)
 * 6     ENTRY: {existing: SECRET}
 *   ... the body, from line 5 + (secrets ? 1 + their count : 0), columns shifted by 2
 * </pre>
 * so a test asserting a body line's location counts from there. Immutable.
 *
 * @param name    {@code metadata.name}, also the file's stem
 * @param version {@code metadata.version}
 * @param secrets the {@code spec.secrets} lines, in the order added
 */
public record InlineSpec(String name, String version, List<String> secrets) {

    /** Compact constructor: copies {@code secrets}. */
    public InlineSpec {
        secrets = List.copyOf(secrets);
    }

    /** The application {@code name} at version {@code 1.0.0}, without secrets. */
    public static InlineSpec application(String name) {
        return new InlineSpec(name, "1.0.0", List.of());
    }

    /** This spec at {@code metadata.version: version}. */
    public InlineSpec version(String version) {
        return new InlineSpec(name, version, secrets);
    }

    /** This spec with {@code spec.secrets.<entry>: {existing: <secretName>}} after the entries it has. */
    public InlineSpec existingSecret(String entry, String secretName) {
        List<String> more = new ArrayList<>(secrets);
        more.add(entry + ": {existing: " + secretName + "}");
        return new InlineSpec(name, version, more);
    }

    /**
     * The spec's text.
     *
     * @param body what stands under {@code spec:} (its other fields), from column 0
     */
    public String yaml(String body) {
        StringBuilder yaml = new StringBuilder("apiVersion: shipshape.dev/v1alpha1\nkind: Application\nmetadata: {name: ")
                .append(name).append(", version: ").append(version).append("}\nspec:\n");
        if (!secrets.isEmpty()) {
            yaml.append("  secrets:\n");
            secrets.forEach(secret -> yaml.append("    ").append(secret).append('\n'));
        }
        return yaml.append(body.indent(2)).toString();
    }

    /**
     * Writes {@link #yaml(String)} to {@code <directory>/<name>.yaml}, replacing what is there.
     *
     * @return the file
     * @throws IOException when it cannot be written
     */
    public Path write(Path directory, String body) throws IOException {
        return Files.writeString(directory.resolve(name + ".yaml"), yaml(body));
    }

    /**
     * {@link #write(Path, String) Writes} the spec and loads it with a default {@link SpecLoader}.
     *
     * @throws SpecException the loader's problems with it
     */
    public ApplicationSpec load(Path directory, String body) throws IOException, SpecException {
        return new SpecLoader().load(write(directory, body));
    }

    /**
     * {@link #load(Path, String) Loads} the spec and builds its model with a default {@link ModelBuilder}.
     *
     * @throws SpecException the loader's problems with it
     */
    public ApplicationModel model(Path directory, String body) throws IOException, SpecException {
        return new ModelBuilder().build(load(directory, body));
    }

    /**
     * {@link #write(Path, String) Writes} the spec and compiles it alone with a default {@link Shipshape}.
     *
     * @throws SpecException the spec's problems, policy errors included
     */
    public Compilation compile(Path directory, String body) throws IOException, SpecException {
        return new Shipshape().compile(List.of(write(directory, body)));
    }
}
