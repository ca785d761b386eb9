package dev.shipshape.policy;

import dev.shipshape.spec.Exemption;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecProblem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The exemptions of one spec, checked: every exemption names a known rule and has a reason.
 * An exemption without {@code container} covers every container of the component; one with a
 * container covers only that container's findings.
 */
public final class Exemptions {

    private final List<Exemption> exemptions;

    /**
     * @param exemptions the spec's exemptions
     * @param ruleIds    the ids of every loaded rule
     * @throws SpecException listing every exemption with a blank reason or an unknown rule, at its location
     */
    public Exemptions(List<Exemption> exemptions, Collection<String> ruleIds) throws SpecException {
        List<SpecProblem> problems = new ArrayList<>();
        for (Exemption exemption : exemptions) {
            if (exemption.reason() == null || exemption.reason().isBlank()) {
                problems.add(new SpecProblem(exemption.location(),
                        "the exemption from rule '" + exemption.rule() + "' for component '" + exemption.component()
                                + "' has no reason.",
                        "write the reason a reviewer can check, for example reason: \"the image writes its cache to /tmp\"."));
            }
            if (!ruleIds.contains(exemption.rule())) {
                problems.add(new SpecProblem(exemption.location(),
                        "the exemption names rule '" + exemption.rule() + "', which does not exist.",
                        "use the id of a rule listed in policies/README.md."));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        this.exemptions = List.copyOf(exemptions);
    }

    /** No exemptions. */
    public static Exemptions none() {
        try {
            return new Exemptions(List.of(), List.of());
        } catch (SpecException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The exemption covering a finding, if any: same rule, same component, and either no container
     * in the exemption or the finding's container.
     */
    public Optional<Exemption> find(String ruleId, String component, String container) {
        if (component == null) {
            return Optional.empty();
        }
        return exemptions.stream()
                .filter(e -> e.rule().equals(ruleId) && e.component().equals(component))
                .filter(e -> e.container() == null || e.container().equals(container))
                .findFirst();
    }
}
