package dev.shipshape.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Polaris-style fixtures: {@code policies/fixtures/<rule-id>/pass-*.yaml} must produce no finding
 * of the rule; {@code fail-*.yaml} names the checks it must trip, one {@code # expect: <message>}
 * line per distinct finding message, and must produce exactly those messages (a fixture that trips
 * another check of the rule, or the right check for another reason, fails). Object fixtures are Kubernetes objects (several
 * documents for set rules), checked as environment {@code production}; spec fixtures (rules with
 * target {@code spec}) are one document: the {@code application} tree the rule's CEL sees.
 */
class PolicyFixturesTest {

    private static final Path FIXTURES = RepositoryRoot.path().resolve("policies/fixtures");
    private static final PolicyEngine ENGINE = allRulesEnabled();
    /** The comment line of a fail fixture naming one finding message it must produce. */
    private static final String EXPECT = "# expect: ";

    private static PolicyEngine allRulesEnabled() {
        PolicyEngine.Builder builder = PolicyEngine.builder();
        new RuleLoader().loadDefaults().stream().filter(r -> !r.enabledByDefault()).forEach(r -> builder.enable(r.id()));
        return builder.build();
    }

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.walk(FIXTURES, 2)) {
            return files.filter(f -> f.getFileName().toString().matches("(pass|fail)-.*\\.yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void fixtureHasTheExpectedFindings(Path fixture) throws IOException {
        String ruleId = fixture.getParent().getFileName().toString();
        Rule rule = ENGINE.rules().stream().filter(r -> r.id().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError("fixture folder " + ruleId + " names no rule"));
        List<Finding> findings = ENGINE.evaluate(subject(rule, fixture), Exemptions.none()).findings().stream()
                .filter(f -> f.ruleId().equals(ruleId)).toList();
        findings.forEach(f -> assertFalse(f.message().startsWith("the check cannot be evaluated")
                || f.message().startsWith("the object cannot be checked"), f.message()));
        List<String> expected = expectedMessages(fixture);
        if (fixture.getFileName().toString().startsWith("fail-")) {
            assertFalse(expected.isEmpty(), fixture + " names no check: add a line `" + EXPECT + "<finding message>` per message it must produce");
            assertEquals(expected, findings.stream().map(Finding::message).distinct().sorted().toList(), "the messages of " + ruleId);
        } else {
            assertEquals(List.of(), expected, "a pass fixture expects no finding");
            assertEquals(List.of(), findings.stream().map(f -> f.subject() + ": " + f.message()).toList());
        }
    }

    /** The finding messages a fixture expects, from its {@code # expect: } lines, sorted. */
    private static List<String> expectedMessages(Path fixture) throws IOException {
        try (Stream<String> lines = Files.lines(fixture)) {
            return lines.filter(l -> l.startsWith(EXPECT)).map(l -> l.substring(EXPECT.length()).strip()).sorted().toList();
        }
    }

    @Test
    void everyRuleHasPassAndFailFixtures() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Rule rule : new RuleLoader().loadDefaults()) {
            for (String kind : List.of("pass-", "fail-")) {
                Path dir = FIXTURES.resolve(rule.id());
                boolean present = Files.isDirectory(dir) && hasFile(dir, kind);
                if (!present) {
                    missing.add(rule.id() + " lacks a " + kind + "*.yaml fixture");
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void everyFixtureFolderNamesARule() throws IOException {
        List<String> ids = new RuleLoader().loadDefaults().stream().map(Rule::id).toList();
        try (Stream<Path> dirs = Files.list(FIXTURES)) {
            dirs.filter(Files::isDirectory).forEach(d -> assertTrue(ids.contains(d.getFileName().toString()),
                    d + " names no rule"));
        }
    }

    private static boolean hasFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(prefix) && f.toString().endsWith(".yaml"));
        }
    }

    private static PolicySubject subject(Rule rule, Path fixture) throws IOException {
        ObjectTrees trees = new ObjectTrees();
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> nodes = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(fixture.toFile())) {
            while (nodes.hasNext()) {
                JsonNode node = nodes.next();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    documents.add(trees.map(node));
                }
            }
        }
        if (rule.target().scope() == Target.Scope.SPEC) {
            assertEquals(1, documents.size(), fixture + ": a spec fixture is one document");
            return new PolicySubject("production", List.of(), documents.get(0), Map.of(), Map.of(), null);
        }
        return PolicySubject.ofObjects("production", documents);
    }
}
