package dev.shipshape.policy;

import dev.shipshape.model.ObjectExemption;
import dev.shipshape.model.ObjectKey;
import dev.shipshape.spec.Exemption;
import dev.shipshape.spec.Location;
import dev.shipshape.spec.SpecException;
import dev.shipshape.spec.SpecProblem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The exemptions that apply to one application, checked:
 * <ul>
 *   <li>the spec's ({@code spec.exemptions}): each names a known rule and has a reason. One without
 *       {@code container} covers every container of the component; one with a container covers
 *       only that container's findings;</li>
 *   <li>the generator's ({@link ObjectExemption}): rules shipshape breaks on purpose on one object
 *       it emits. One naming a rule that is not loaded (a user who runs without the default
 *       rules) never matches.</li>
 * </ul>
 */
public final class Exemptions {

    private final List<Exemption> exemptions;
    private final List<ObjectExemption> objectExemptions;

    /**
     * @param exemptions       the spec's exemptions
     * @param objectExemptions the generator's exemptions on its objects
     * @param ruleIds          the ids of every loaded rule
     * @throws SpecException listing every spec exemption with a blank reason or an unknown rule, at its location
     */
    public Exemptions(List<Exemption> exemptions, List<ObjectExemption> objectExemptions, Collection<String> ruleIds)
            throws SpecException {
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
                        "the exemption names rule '" + exemption.rule() + "', which does not exist."
                                + dev.shipshape.spec.DidYouMean.sentence(exemption.rule(), ruleIds),
                        "use the id of a rule listed in policies/README.md."));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        this.exemptions = List.copyOf(exemptions);
        this.objectExemptions = List.copyOf(objectExemptions);
    }

    /** The spec's exemptions only. */
    public Exemptions(List<Exemption> exemptions, Collection<String> ruleIds) throws SpecException {
        this(exemptions, List.of(), ruleIds);
    }

    /** No exemptions. */
    public static Exemptions none() {
        try {
            return new Exemptions(List.of(), List.of(), List.of());
        } catch (SpecException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * The suppression of a finding, if any: a generator exemption for the finding's rule and
     * object, else a spec exemption for its rule and component, and either no container in the
     * exemption or the finding's container.
     *
     * @param finding the finding
     */
    public Optional<Suppression> find(Finding finding) {
        Optional<Suppression> generated = find(finding.ruleId(), finding.object(), finding.location());
        return generated.isPresent() ? generated : find(finding.ruleId(), finding.component(), finding.container());
    }

    private Optional<Suppression> find(String ruleId, ObjectKey object, Location origin) {
        if (object == null) {
            return Optional.empty();
        }
        return objectExemptions.stream()
                .filter(e -> e.rule().equals(ruleId) && e.object().equals(object))
                .findFirst()
                .map(e -> Suppression.of(e, origin));
    }

    private Optional<Suppression> find(String ruleId, String component, String container) {
        if (component == null) {
            return Optional.empty();
        }
        return exemptions.stream()
                .filter(e -> e.rule().equals(ruleId) && e.component().equals(component))
                .filter(e -> e.container() == null || e.container().equals(container))
                .findFirst()
                .map(Suppression::of);
    }
}
