package dev.shipshape;

import dev.shipshape.policy.PolicySettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class InputFingerprintTest {

    @TempDir
    Path project;
    private Path shop;
    private Path cart;
    private Path output;
    private Path rules;

    @BeforeEach
    void specsAndRules() throws Exception {
        shop = Files.writeString(project.resolve("shop.yaml"), "metadata:\n  name: shop\n");
        cart = Files.writeString(project.resolve("cart.yaml"), "metadata:\n  name: cart\n");
        rules = Files.createDirectories(project.resolve("rules"));
        Files.writeString(rules.resolve("team-label.yaml"), "id: team-label\n");
        output = project.resolve("output");
    }

    private String fingerprint(List<Path> specs, PolicySettings settings, List<String> generator) throws Exception {
        return InputFingerprint.of(specs, output, "output", settings, generator);
    }

    @Test
    void theSameInputsInAnyOrderHaveTheSameFingerprint() throws Exception {
        assertEquals(fingerprint(List.of(shop, cart), PolicySettings.DEFAULTS, List.of("plugin 1")),
                fingerprint(List.of(cart, shop), PolicySettings.DEFAULTS, List.of("plugin 1")));
    }

    @Test
    void everyInputChangesIt() throws Exception {
        PolicySettings withRules = PolicySettings.DEFAULTS.withRuleDirectory(rules);
        String before = fingerprint(List.of(shop, cart), withRules, List.of("plugin 1"));

        assertNotEquals(before, fingerprint(List.of(shop), withRules, List.of("plugin 1")), "a spec less");
        assertNotEquals(before, fingerprint(List.of(shop, cart), withRules, List.of("plugin 2")), "another plugin build");
        assertNotEquals(before, fingerprint(List.of(shop, cart), withRules.withDisabledRule("image-digest"), List.of("plugin 1")),
                "a rule disabled");
        assertNotEquals(before, InputFingerprint.of(List.of(shop, cart), project.resolve("elsewhere"), "output", withRules,
                List.of("plugin 1")), "another output directory");
        assertNotEquals(before, InputFingerprint.of(List.of(shop, cart), output, "deploy/output", withRules, List.of("plugin 1")),
                "the output directory elsewhere in the repository");

        Files.writeString(cart, "metadata:\n  name: cart2\n");
        String specEdited = fingerprint(List.of(shop, cart), withRules, List.of("plugin 1"));
        assertNotEquals(before, specEdited, "a spec edited");

        Files.writeString(rules.resolve("team-label.yaml"), "id: team-label\nseverity: error\n");
        assertNotEquals(specEdited, fingerprint(List.of(shop, cart), withRules, List.of("plugin 1")), "a rule file edited");
    }
}
