package dev.shipshape.spec;

import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Suggests the closest known name for a misspelt one ("did you mean `replicas`?"), by Levenshtein
 * edit distance, ignoring case. A suggestion is made only when the distance is at most a third of
 * the longer name's length (at least 1, at most 3), so unrelated names are never suggested.
 */
public final class DidYouMean {

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private record Scored(String candidate, int distance) {
    }

    private DidYouMean() {
    }

    /**
     * @param name       the name written
     * @param candidates the names allowed there
     * @return the closest candidate within the threshold (ties broken alphabetically), if any
     */
    static Optional<String> closest(String name, Collection<String> candidates) {
        String lower = name.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> !c.equals(name))
                .map(c -> new Scored(c, DISTANCE.apply(lower, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= Math.min(3, Math.max(1, Math.max(name.length(), s.candidate().length()) / 3)))
                .min(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .map(Scored::candidate);
    }

    /** {@code " Did you mean `x`?"} or the empty string, ready to append to a sentence. */
    public static String sentence(String name, Collection<String> candidates) {
        return closest(name, candidates).map(c -> " Did you mean `" + c + "`?").orElse("");
    }
}
