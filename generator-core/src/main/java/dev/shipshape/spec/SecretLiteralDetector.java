package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map.Entry;
import java.util.regex.Pattern;

/**
 * Finds secret values written into a spec, which is committed to Git: environment variables whose
 * name says they hold a secret but whose value is a literal, and any string holding a PEM block or
 * a URL with an inline password ({@code scheme://user:password@host}). The name pattern follows
 * kube-linter's {@code env-var-secret} check, widened to API keys, private keys and credentials.
 */
final class SecretLiteralDetector {

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i)(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)");
    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z0-9 ]*-----");
    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@");
    /** An env value made only of {@code ${component.property}} references carries no literal. */
    private static final Pattern ONLY_REFERENCES = Pattern.compile("(\\$\\{[^}]*})+");
    /** Env maps of components and env groups, in the spec and in environment overrides. */
    private static final Pattern ENV_VALUE = Pattern.compile("/spec(/environments/[^/]+)?/(components/[^/]+/env|envGroups/[^/]+)/[^/]+");

    private static final String FIX = "Declare it under spec.secrets and reference it, for example `NAME: {secret: <secret>, key: <key>}`.";

    private SecretLiteralDetector() {
    }

    /**
     * @param root      the spec tree as written
     * @param sourceMap its positions
     * @return one problem per secret literal, at its value
     */
    static List<SpecProblem> scan(JsonNode root, SourceMap sourceMap) {
        List<SpecProblem> problems = new ArrayList<>();
        scan(root, JsonPointers.ROOT, sourceMap, problems);
        return problems;
    }

    private static void scan(JsonNode node, String pointer, SourceMap sourceMap, List<SpecProblem> problems) {
        if (node.isObject()) {
            for (Entry<String, JsonNode> member : node.properties()) {
                scan(member.getValue(), JsonPointers.child(pointer, member.getKey()), sourceMap, problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                scan(node.get(i), JsonPointers.child(pointer, i), sourceMap, problems);
            }
        } else if (node.isTextual()) {
            String reason = reason(node.asText(), pointer);
            if (reason != null) {
                problems.add(new SpecProblem(sourceMap.valueLocation(pointer),
                        "Secret literal in `" + JsonPointers.display(pointer) + "`: " + reason + "; a spec is committed to Git and must not hold secrets.", FIX));
            }
        }
    }

    private static String reason(String value, String pointer) {
        if (PEM.matcher(value).find()) {
            return "the value contains a PEM block";
        }
        if (URL_WITH_PASSWORD.matcher(value).find()) {
            return "the value is a URL with an inline password";
        }
        if (ENV_VALUE.matcher(pointer).matches() && SECRET_NAME.matcher(JsonPointers.lastSegment(pointer)).find()
                && !value.isBlank() && !ONLY_REFERENCES.matcher(value).matches()) {
            return "the variable's name says it holds a secret, but its value is written out";
        }
        return null;
    }
}
