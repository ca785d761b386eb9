package dev.shipshape.render.helm;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A key in a chart's values, as a path of map keys, for example {@code api.autoscaling.minReplicas}.
 * Every segment is a Go template identifier, so a template reads it as {@code .Values.api.autoscaling.minReplicas}
 * (text/template field syntax, pkg.go.dev/text/template#hdr-Arguments).
 *
 * @param path the segments, outermost first; at least one
 */
record ValueKey(List<String> path) implements Comparable<ValueKey> {

    /** A Go identifier: a letter or underscore, then letters, digits or underscores (go.dev/ref/spec#Identifiers, ASCII only). */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * @throws IllegalArgumentException if the path is empty or a segment is not an identifier
     */
    ValueKey {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a value key needs at least one segment");
        }
        for (String segment : path) {
            if (!IDENTIFIER.matcher(segment).matches()) {
                throw new IllegalArgumentException("value key segment '" + segment + "' of " + path + " is not a Go identifier");
            }
        }
    }

    /** The key of these segments. */
    static ValueKey of(List<String> first, String... more) {
        List<String> segments = new ArrayList<>(first);
        segments.addAll(List.of(more));
        return new ValueKey(segments);
    }

    /** The last segment. */
    String leaf() {
        return path.get(path.size() - 1);
    }

    /** The template expression of the enclosing map: {@code .Values} for a top-level key. */
    String parentExpression() {
        return path.size() == 1 ? ".Values" : new ValueKey(path.subList(0, path.size() - 1)).expression();
    }

    /** The template expression, for example {@code .Values.api.replicas}. */
    String expression() {
        return ".Values." + dotted();
    }

    /** The dotted form used with {@code helm --set} and in the chart README, for example {@code api.replicas}. */
    String dotted() {
        return String.join(".", path);
    }

    @Override
    public int compareTo(ValueKey other) {
        int shorter = Math.min(path.size(), other.path.size());
        for (int i = 0; i < shorter; i++) {
            int c = path.get(i).compareTo(other.path.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(path.size(), other.path.size());
    }

    @Override
    public String toString() {
        return dotted();
    }
}
