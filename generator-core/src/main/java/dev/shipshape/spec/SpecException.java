package dev.shipshape.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when one or more specs are invalid. Carries every problem found, sorted by location,
 * so a user fixes them all in one pass rather than one per run. Its message is the problems,
 * one per line, ready to print without a stack trace.
 */
public final class SpecException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<SpecProblem> problems;
    private final transient ApplicationSpec partial;

    /**
     * @param problems at least one problem
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public SpecException(List<SpecProblem> problems) {
        this(problems, null);
    }

    /**
     * @param problems at least one problem
     * @param partial  the spec without the parts its schema problems are about, when what remains binds (so
     *                 its policies can still be evaluated in the same run), or {@code null}
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public SpecException(List<SpecProblem> problems, ApplicationSpec partial) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.problems = problems.stream().sorted().toList();
        this.partial = partial;
    }

    /** The spec without the invalid parts, if what remains is a valid spec; see {@link #SpecException(List, ApplicationSpec)}. */
    public java.util.Optional<ApplicationSpec> partialSpec() {
        return java.util.Optional.ofNullable(partial);
    }

    /** A single problem. */
    public SpecException(SpecProblem problem) {
        this(List.of(problem));
    }

    /** The problems, sorted by file, line and column. */
    public List<SpecProblem> problems() {
        return problems;
    }

    private static String format(List<SpecProblem> problems) {
        return problems.stream().sorted().map(SpecProblem::toString).collect(Collectors.joining(System.lineSeparator()));
    }
}
