package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads the sops-encrypted Secret manifests a spec names ({@code spec.secrets.<name>.sops} and
 * {@code spec.environments.<env>.secrets.<name>.sops}) and checks that each is what Flux can
 * decrypt and nothing more: a {@code v1} Secret whose {@code apiVersion}, {@code kind} and
 * {@code metadata} are in clear text, whose every {@code data}/{@code stringData} value is a sops
 * ciphertext {@code ENC[<cipher>,data:...]}, with the top-level {@code sops:} metadata holding a
 * {@code mac} and at least one key group recipient (age, pgp, kms, gcp_kms, azure_kv, hc_vault) —
 * the file format of https://github.com/getsops/sops#encrypted-file-format. A Secret in plain
 * text where an encrypted one is declared is a problem, never copied. The checks that depend on the
 * spec entry (name, namespace, type, keys) are {@link SpecChecks#sopsSecrets}.
 */
final class SopsFiles {

    /** A sops ciphertext: {@code ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]}. */
    static final Pattern CIPHERTEXT = Pattern.compile("^ENC\\[[A-Z0-9_]+,data:[^\\]]*]$");

    /** The recipient lists of the sops metadata; a file encrypted for nobody cannot be decrypted. */
    private static final List<String> KEY_SOURCES = List.of("age", "pgp", "kms", "gcp_kms", "azure_kv", "hc_vault");

    /** How to encrypt a Kubernetes Secret so that Flux can read it (the Flux sops guide's command, with age). */
    static String encryptCommand(String path) {
        return "sops --encrypt --in-place --encrypted-regex '^(data|stringData)$' --age <recipient> " + path;
    }

    private final YamlSource yaml;

    SopsFiles(YamlSource yaml) {
        this.yaml = yaml;
    }

    /**
     * Reads every sops file a spec names, each once.
     *
     * @param specFile  the spec file; paths are relative to its directory
     * @param root      the spec as written
     * @param sourceMap its positions
     * @param problems  receives what is wrong with a file, with the file's own positions
     * @return the files that could be read and are encrypted, by the path as written
     */
    Map<String, SopsFile> read(Path specFile, JsonNode root, SourceMap sourceMap, List<SpecProblem> problems) {
        SortedMap<String, String> pointers = new TreeMap<>();
        collect(root.path("spec").path("secrets"), "/spec/secrets", pointers);
        for (Entry<String, JsonNode> environment : root.path("spec").path("environments").properties()) {
            collect(environment.getValue().path("secrets"),
                    JsonPointers.child(JsonPointers.child("/spec/environments", environment.getKey()), "secrets"), pointers);
        }
        Path directory = specFile.toAbsolutePath().getParent();
        SortedMap<String, SopsFile> files = new TreeMap<>();
        pointers.forEach((path, pointer) -> read(path, directory.resolve(path).normalize(), directory, sourceMap.valueLocation(pointer), problems)
                .ifPresent(file -> files.put(path, file)));
        return files;
    }

    private static void collect(JsonNode secrets, String at, SortedMap<String, String> pointers) {
        for (Entry<String, JsonNode> secret : secrets.properties()) {
            JsonNode sops = secret.getValue().path("sops");
            if (sops.isTextual()) {
                pointers.putIfAbsent(sops.asText(), JsonPointers.child(JsonPointers.child(at, secret.getKey()), "sops"));
            }
        }
    }

    /** Whether {@code file}, with its links followed where it exists, lies under {@code directory}. */
    private static boolean inside(Path file, Path directory) {
        try {
            Path real = Files.exists(file) ? file.toRealPath() : file;
            return real.startsWith(directory.toRealPath()) || file.startsWith(directory) && !Files.exists(file);
        } catch (IOException e) {
            return false;
        }
    }

    private java.util.Optional<SopsFile> read(String path, Path file, Path directory, Location declared, List<SpecProblem> problems) {
        if (!inside(file, directory)) {
            problems.add(new SpecProblem(declared, "The sops file `" + path + "` resolves to " + file + ", outside the spec's directory " + directory + ".",
                    "Keep the encrypted Secrets in the repository, in a folder next to the spec (for example `secrets/<name>.sops.yaml`)."));
            return java.util.Optional.empty();
        }
        if (!Files.isRegularFile(file)) {
            problems.add(new SpecProblem(declared, "The sops file `" + path + "` does not exist (looked for " + file + ").",
                    "Write the path relative to the spec file's directory, or encrypt the Secret there: " + encryptCommand(path) + "."));
            return java.util.Optional.empty();
        }
        YamlDocument document;
        String content;
        try {
            document = yaml.read(file);
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (SpecException e) {
            problems.addAll(e.problems());
            return java.util.Optional.empty();
        } catch (IOException e) {
            problems.add(new SpecProblem(declared, "Cannot read the sops file `" + path + "`: " + e + ".",
                    "Check that the path names a readable file."));
            return java.util.Optional.empty();
        }
        problems.addAll(document.problems());
        List<SpecProblem> found = new ArrayList<>();
        check(path, document, found);
        problems.addAll(found);
        if (!found.isEmpty() || !document.problems().isEmpty()) {
            return java.util.Optional.empty();
        }
        JsonNode root = document.root();
        SourceMap positions = document.sourceMap();
        TreeSet<String> keys = new TreeSet<>();
        root.path("data").fieldNames().forEachRemaining(keys::add);
        root.path("stringData").fieldNames().forEachRemaining(keys::add);
        Function<String, Location> at = pointer -> positions.contains(pointer) ? positions.valueLocation(pointer) : Location.of(file);
        return java.util.Optional.of(new SopsFile(path, file, content,
                textOrNull(root.at("/metadata/name")), textOrNull(root.at("/metadata/namespace")),
                root.path("type").isTextual() ? root.path("type").asText() : SecretSource.OPAQUE, keys,
                at.apply("/metadata/name"), at.apply("/metadata/namespace"), at.apply("/type")));
    }

    /** The structural checks: a v1 Secret, metadata in clear, every value encrypted, sops metadata with a MAC and a recipient. */
    private static void check(String path, YamlDocument document, List<SpecProblem> problems) {
        JsonNode root = document.root();
        SourceMap positions = document.sourceMap();
        Location start = Location.of(positions.file());
        if (!root.isObject()) {
            problems.add(new SpecProblem(start, "The sops file `" + path + "` is not a Kubernetes manifest (a YAML mapping).",
                    "Point `sops:` at an encrypted Secret manifest: " + encryptCommand(path) + "."));
            return;
        }
        for (String field : List.of("/apiVersion", "/kind", "/metadata/name", "/metadata/namespace")) {
            if (CIPHERTEXT.matcher(root.at(field).asText()).matches()) {
                problems.add(new SpecProblem(positions.valueLocation(field),
                        "`" + field.substring(1).replace('/', '.') + "` of `" + path + "` is encrypted; Kubernetes and Flux need apiVersion, kind and metadata in clear text.",
                        "Decrypt the file and encrypt only the values: " + encryptCommand(path) + "."));
                return;
            }
        }
        if (!root.path("apiVersion").asText().equals("v1") || !root.path("kind").asText().equals("Secret")) {
            String pointer = positions.contains("/kind") ? "/kind" : "";
            problems.add(new SpecProblem(pointer.isEmpty() ? start : positions.valueLocation(pointer),
                    "The sops file `" + path + "` holds " + (root.has("kind") ? "a `" + root.path("apiVersion").asText() + "` `"
                            + root.path("kind").asText() + "`" : "no `kind`") + ", not a Secret (apiVersion: v1, kind: Secret).",
                    "Point `sops:` at an encrypted Secret manifest."));
            return;
        }
        List<Entry<String, JsonNode>> values = new ArrayList<>();
        for (String section : List.of("data", "stringData")) {
            root.path(section).properties().forEach(e -> values.add(Map.entry("/" + section + "/" + e.getKey(), e.getValue())));
        }
        if (values.isEmpty()) {
            problems.add(new SpecProblem(start, "The Secret in `" + path + "` has no `data` or `stringData`.",
                    "Add its keys, then encrypt it: " + encryptCommand(path) + "."));
            return;
        }
        JsonNode sops = root.path("sops");
        if (!sops.isObject()) {
            problems.add(new SpecProblem(positions.valueLocation(values.get(0).getKey()),
                    "The Secret in `" + path + "` is not encrypted: it has no top-level `sops:` metadata, so its values are in plain text in the repository.",
                    "Encrypt it before it is committed, and rotate any value that was pushed in plain text: " + encryptCommand(path) + "."));
            return;
        }
        if (!CIPHERTEXT.matcher(sops.path("mac").asText()).matches()) {
            problems.add(new SpecProblem(positions.keyLocation("/sops"),
                    "The sops metadata of `" + path + "` has no `mac`, so nobody can tell whether the file was changed after encryption.",
                    "Encrypt the file with sops, which writes the MAC: " + encryptCommand(path) + "."));
        }
        if (KEY_SOURCES.stream().noneMatch(source -> sops.path(source).isArray() && !sops.path(source).isEmpty())) {
            problems.add(new SpecProblem(positions.keyLocation("/sops"),
                    "The sops metadata of `" + path + "` names no recipient (" + String.join(", ", KEY_SOURCES) + "), so no key can decrypt it.",
                    "Encrypt it for the key Flux holds: " + encryptCommand(path) + "."));
        }
        for (Entry<String, JsonNode> value : values) {
            if (!CIPHERTEXT.matcher(value.getValue().asText()).matches() || !value.getValue().isTextual()) {
                String key = value.getKey().substring(value.getKey().lastIndexOf('/') + 1);
                problems.add(new SpecProblem(positions.valueLocation(value.getKey()),
                        "The value of key `" + key + "` in `" + path + "` is not encrypted (a sops value reads `ENC[AES256_GCM,data:...]`).",
                        "Add or change values with `sops edit " + path + "`, which encrypts them and updates the MAC; to encrypt the whole file again: "
                                + encryptCommand(path) + "."));
            }
        }
    }

    private static String textOrNull(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}
