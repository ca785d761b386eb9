package dev.shipshape.model;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;

import java.util.Map;

/** Label selectors of exactly some labels ({@code matchLabels}), as workloads, PDBs and NetworkPolicies write them. */
public final class Selectors {

    private Selectors() {
    }

    /** A selector of exactly these labels. */
    public static LabelSelector matchLabels(Map<String, String> selector) {
        return new LabelSelectorBuilder().withMatchLabels(selector).build();
    }
}
