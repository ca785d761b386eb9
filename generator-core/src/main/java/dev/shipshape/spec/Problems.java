package dev.shipshape.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one or more spec files. A problem is kept once; a problem found in an
 * environment's (or a cluster's) merged spec is dropped when a problem is already reported at the
 * same position (it is the same mistake seen again through the merge), and otherwise names the view.
 */
final class Problems {

    private final List<SpecProblem> problems = new ArrayList<>();
    private final Set<SpecProblem> seen = new HashSet<>();
    private final Set<Location> locations = new HashSet<>();

    /** Adds problems found in a spec as written. */
    void addAll(Collection<SpecProblem> found) {
        found.forEach(this::add);
    }

    /**
     * Adds problems found in a view's merged spec.
     *
     * @param view how the messages name the view: {@code environment `<env>`} or {@code cluster `<cluster>`}
     */
    void addAll(String view, Collection<SpecProblem> found) {
        for (SpecProblem problem : found) {
            if (!locations.contains(problem.location())) {
                add(new SpecProblem(problem.location(), "In " + view + ": " + problem.message(), problem.fix()));
            }
        }
    }

    private void add(SpecProblem problem) {
        if (seen.add(problem)) {
            problems.add(problem);
            locations.add(problem.location());
        }
    }

    /** @throws SpecException with every problem collected, if there is any */
    void throwIfAny() throws SpecException {
        throwIfAny(null);
    }

    /**
     * @param partial the spec without the invalid parts, or {@code null}
     * @throws SpecException with every problem collected and the partial spec, if there is any problem
     */
    void throwIfAny(ApplicationSpec partial) throws SpecException {
        if (!problems.isEmpty()) {
            throw new SpecException(List.copyOf(problems), partial);
        }
    }

    /** The problems collected, in the order found. */
    List<SpecProblem> list() {
        return List.copyOf(problems);
    }

}
