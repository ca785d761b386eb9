package dev.shipshape.policy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code policies/README.md} is generated from the rule files. Regenerate it with
 * {@code -Dshipshape.policies.regenerate=true} (see {@link RuleDocumentation#REGENERATE}).
 */
class RuleDocumentationTest {

    private static final Path POLICIES = RepositoryRoot.path().resolve("policies");

    @Test
    void readmeIsUpToDate() throws IOException {
        List<Rule> rules = new RuleLoader().loadDirectory(POLICIES.resolve("rules"));
        String expected = new RuleDocumentation().render(rules);
        Path readme = POLICIES.resolve("README.md");
        if (Boolean.getBoolean("shipshape.policies.regenerate")) {
            Files.writeString(readme, expected, StandardCharsets.UTF_8);
        }
        String actual = Files.exists(readme) ? Files.readString(readme) : "";
        assertEquals(expected, actual, "policies/README.md is stale; regenerate it: " + RuleDocumentation.REGENERATE);
    }

    @Test
    void tableListsEveryRuleWithItsDocumentationLink() {
        List<Rule> rules = new RuleLoader().loadDirectory(POLICIES.resolve("rules"));
        String markdown = new RuleDocumentation().render(rules);
        for (Rule rule : rules) {
            assertTrue(markdown.contains("| `" + rule.id() + "` | "), rule.id());
            assertTrue(markdown.contains("](" + rule.documentation() + ")"), rule.id());
        }
    }
}
