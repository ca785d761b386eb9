package dev.shipshape.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads rule files: one YAML document per file, named {@code <id>.yaml}, in the format of
 * {@code policies/README.md}. Unknown fields are errors, so a typo never silently disables a check.
 */
public final class RuleLoader {

    /** Where the default rules live on the class path (packaged from {@code policies/rules}). */
    public static final String DEFAULT_RULES_RESOURCE = "/dev/shipshape/policy/rules";

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /**
     * Chained optional selection ({@code a.?b.?c}): cel-java 0.11 wraps the result twice, so rules
     * write {@code a.?b.orValue({}).?c} instead, which means the same in the API server.
     */
    private static final Pattern CHAINED_OPTIONAL = Pattern.compile("\\.\\?\\w+\\.\\?");
    private static final Set<String> RULE_FIELDS = Set.of("id", "severity", "title", "rationale", "remediation",
            "documentation", "sources", "target", "enabledByDefault", "parameters", "checks");
    private static final java.util.regex.Pattern SPEC_FIELD = java.util.regex.Pattern.compile("[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*");
    private static final Set<String> CHECK_FIELDS = Set.of("expression", "message", "messageExpression", "forEach", "severity",
            "remediationExpression", "specField");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    private final ObjectTrees trees = new ObjectTrees();

    /**
     * The rules shipped with shipshape.
     *
     * @throws PolicyException when the class path holds no rules or a rule file is invalid
     */
    public List<Rule> loadDefaults() {
        URL url = RuleLoader.class.getResource(DEFAULT_RULES_RESOURCE);
        if (url == null) {
            throw new PolicyException("the default rules are missing from the class path (" + DEFAULT_RULES_RESOURCE
                    + "); rebuild generator-core, which packages policies/rules");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return loadDirectory(Path.of(uri));
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return loadDirectory(jar.provider().getPath(uri));
            } catch (FileSystemAlreadyExistsException opened) {
                return loadDirectory(FileSystems.getFileSystem(uri).provider().getPath(uri));
            }
        } catch (URISyntaxException | IOException e) {
            throw new PolicyException("cannot read the default rules at " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every {@code *.yaml} rule file of a directory (not recursive), sorted by file name.
     *
     * @throws PolicyException when the directory cannot be read or a rule file is invalid
     */
    public List<Rule> loadDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PolicyException(directory + ": not a directory of rule files; give a directory holding <rule-id>.yaml files");
        }
        List<Rule> rules = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                rules.add(load(file.getFileName().toString(), file.toString(), Files.readString(file)));
            }
        } catch (IOException e) {
            throw new PolicyException(directory + ": cannot read rule files: " + e.getMessage(), e);
        }
        return rules;
    }

    /**
     * Parses one rule file.
     *
     * @param fileName the file name, which must be {@code <id>.yaml}
     * @param source   how to name the file in errors
     * @param text     the YAML text
     * @throws PolicyException naming {@code source}, the field and the fix
     */
    public Rule load(String fileName, String source, String text) {
        JsonNode node;
        try {
            node = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            throw new PolicyException(source + ": not valid YAML: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new PolicyException(source + ": a rule file holds one YAML mapping (id, severity, title, ...)");
        }
        Fields fields = new Fields(source, node, RULE_FIELDS);
        String id = fields.text("id");
        if (!ID.matcher(id).matches()) {
            throw new PolicyException(source + ": id '" + id + "' is not kebab-case; use lower-case words joined by '-'");
        }
        if (!fileName.equals(id + ".yaml")) {
            throw new PolicyException(source + ": the file of rule '" + id + "' must be named " + id + ".yaml");
        }
        Severity severity = fields.severity("severity");
        String documentation = fields.text("documentation");
        if (!documentation.startsWith("https://")) {
            throw new PolicyException(source + ": documentation must be an https:// URL of the checked field's reference");
        }
        Target target = target(source, node.get("target"));
        List<Check> checks = new ArrayList<>();
        JsonNode checkNodes = node.get("checks");
        if (checkNodes == null || !checkNodes.isArray() || checkNodes.isEmpty()) {
            throw new PolicyException(source + ": checks must list at least one {expression, message}");
        }
        for (JsonNode checkNode : checkNodes) {
            checks.add(check(source, checkNode, target));
        }
        JsonNode parameters = node.get("parameters");
        if (parameters != null && !parameters.isObject()) {
            throw new PolicyException(source + ": parameters must be a mapping of name to value");
        }
        JsonNode enabled = node.get("enabledByDefault");
        if (enabled != null && !enabled.isBoolean()) {
            throw new PolicyException(source + ": enabledByDefault must be true or false");
        }
        return new Rule(id, severity, fields.text("title"), fields.text("rationale"), fields.text("remediation"),
                documentation, fields.textList("sources"), target, enabled == null || enabled.asBoolean(),
                parameters == null ? Map.of() : trees.map(parameters), checks, source);
    }

    private static Target target(String source, JsonNode node) {
        if (node != null && node.isTextual() && node.asText().equals("spec")) {
            return new Target(Target.Scope.SPEC, List.of());
        }
        if (node != null && node.isObject() && node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode kinds = node.get(key);
            if ((key.equals("objects") || key.equals("set")) && kinds.isArray() && !kinds.isEmpty()) {
                List<String> names = new ArrayList<>();
                kinds.forEach(kind -> names.add(kind.asText()));
                return new Target(key.equals("objects") ? Target.Scope.OBJECTS : Target.Scope.SET, names);
            }
        }
        throw new PolicyException(source + ": target must be 'spec', {objects: [Kind, ...]} or {set: [Kind, ...]}");
    }

    private static Check check(String source, JsonNode node, Target target) {
        if (!node.isObject()) {
            throw new PolicyException(source + ": each check is a mapping {expression, message}");
        }
        Fields fields = new Fields(source, node, CHECK_FIELDS);
        String forEach = fields.optionalText("forEach");
        List<String> allowed = target.scope() == Target.Scope.SPEC ? List.of("components") : StandardVariables.containerCollections();
        if (forEach != null && !allowed.contains(forEach)) {
            throw new PolicyException(source + ": forEach '" + forEach + "' is not one of " + allowed + " for this target");
        }
        for (String cel : new String[] {fields.text("expression"), fields.optionalText("messageExpression"),
                fields.optionalText("remediationExpression")}) {
            if (cel != null && CHAINED_OPTIONAL.matcher(cel).find()) {
                throw new PolicyException(source + ": chained optional field selection (a.?b.?c) in '" + cel
                        + "'; write a.?b.orValue({}).?c, which the engine evaluates correctly");
            }
        }
        String severity = fields.optionalText("severity");
        return new Check(fields.text("expression"), fields.text("message"), fields.optionalText("messageExpression"),
                forEach, severity == null ? null : fields.severity("severity"), fields.optionalText("remediationExpression"),
                specField(source, fields.optionalText("specField")));
    }

    /** A spec field path as checks name it: dotted names ({@code backup.uploaderImage}). */
    private static String specField(String source, String field) {
        if (field != null && !SPEC_FIELD.matcher(field).matches()) {
            throw new PolicyException(source + ": specField '" + field + "' is not a dotted path of field names such as"
                    + " image or resources.memory");
        }
        return field;
    }

    /** Typed access to the fields of one mapping, with errors naming the file. */
    private record Fields(String source, JsonNode node, Set<String> known) {

        Fields {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw new PolicyException(source + ": unknown field '" + name + "'; known fields are "
                            + known.stream().sorted().toList());
                }
            }
        }

        String text(String field) {
            String value = optionalText(field);
            if (value == null || value.isBlank()) {
                throw new PolicyException(source + ": field '" + field + "' is required and must not be blank");
            }
            return value;
        }

        String optionalText(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                throw new PolicyException(source + ": field '" + field + "' must be text");
            }
            return value.asText().strip();
        }

        Severity severity(String field) {
            try {
                return Severity.parse(text(field));
            } catch (IllegalArgumentException e) {
                throw new PolicyException(source + ": " + e.getMessage());
            }
        }

        List<String> textList(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw new PolicyException(source + ": field '" + field + "' must list at least one entry");
            }
            List<String> list = new ArrayList<>();
            value.forEach(entry -> list.add(entry.asText()));
            return list;
        }
    }
}
