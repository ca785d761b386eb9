package dev.shipshape.policy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code policies/README.md} is generated from the rule files. Regenerate it with
 * {@code -Dshipshape.policies.regenerate=true} (see {@link RuleDocumentation#REGENERATE}): a stale
 * file is then rewritten and the test still fails, so only a run that found the file current passes.
 */
class RuleDocumentationTest {

    private static final Path POLICIES = RepositoryRoot.path().resolve("policies");

    @Test
    void readmeIsUpToDate() throws IOException {
        List<Rule> rules = new RuleLoader().loadDirectory(POLICIES.resolve("rules"));
        String expected = new RuleDocumentation().render(rules);
        Path readme = POLICIES.resolve("README.md");
        String actual = Files.exists(readme) ? Files.readString(readme) : "";
        if (!expected.equals(actual) && Boolean.getBoolean("shipshape.policies.regenerate")) {
            Files.writeString(readme, expected, StandardCharsets.UTF_8);
            fail("policies/README.md was stale and is rewritten: review the diff, then run the test again without -Dshipshape.policies.regenerate");
        }
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
