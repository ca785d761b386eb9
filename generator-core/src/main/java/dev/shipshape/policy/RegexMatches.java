package dev.shipshape.policy;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelOptions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CEL's standard {@code matches} function ({@code matches(text, regex)} and {@code text.matches(regex)},
 * overload ids {@code matches} and {@code matches_string} of the CEL specification) with each regular
 * expression compiled once. cel-java 0.11 compiles the pattern on every call, which made regular
 * expressions a tenth of policy evaluation; the semantics are unchanged: RE2 syntax (re2j, as cel-java),
 * a partial match when {@link CelOptions#enableRegexPartialMatch()} (as the CEL specification and
 * Kubernetes), the program size limit of {@link CelOptions#maxRegexProgramSize()}.
 *
 * <p>The cache belongs to one compiler (one engine), is safe for concurrent evaluation, and holds at
 * most {@value #CAPACITY} patterns; further patterns (an expression that builds its regex from data)
 * are compiled per call, as before.
 */
final class RegexMatches {

    /** The most patterns kept. */
    static final int CAPACITY = 1024;

    private final CelOptions options;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    /** Matches with the limits and partial-match setting of {@code options}. */
    RegexMatches(CelOptions options) {
        this.options = options;
    }

    /** The bindings that replace the standard function's. */
    List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("matches", String.class, String.class, this::matches),
                CelFunctionBinding.from("matches_string", String.class, String.class, this::matches));
    }

    /**
     * True when {@code regex} matches {@code text} (anywhere in it, with partial matching on).
     *
     * @throws CelEvaluationException when the regex does not compile or exceeds the program size limit
     */
    boolean matches(String text, String regex) throws CelEvaluationException {
        Pattern pattern = patterns.get(regex);
        if (pattern == null) {
            pattern = compile(regex);
            if (patterns.size() < CAPACITY) {
                patterns.putIfAbsent(regex, pattern);
            }
        }
        return options.enableRegexPartialMatch() ? pattern.matcher(text).find() : pattern.matches(text);
    }

    private Pattern compile(String regex) throws CelEvaluationException {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new CelEvaluationException("invalid regular expression '" + regex + "': " + e.getMessage(), e);
        }
        int limit = options.maxRegexProgramSize();
        if (limit >= 0 && pattern.programSize() > limit) {
            throw new CelEvaluationException("Regex pattern exceeds allowed program size. Allowed: " + limit
                    + ", Provided: " + pattern.programSize());
        }
        return pattern;
    }
}
