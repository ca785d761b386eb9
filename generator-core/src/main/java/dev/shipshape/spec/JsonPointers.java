package dev.shipshape.spec;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * JSON Pointers (RFC 6901) as strings, the keys of a {@link SourceMap}: building them and turning
 * them into the dotted paths people read ({@code spec.components.api.port}, {@code spec.clusters[0]}).
 */
public final class JsonPointers {

    /** The pointer of the document root. */
    static final String ROOT = "";

    private JsonPointers() {
    }

    /** The pointer of member {@code name} of the object at {@code parent}. */
    public static String child(String parent, String name) {
        return JsonPointer.compile(parent).appendProperty(name).toString();
    }

    /** The pointer of element {@code index} of the array at {@code parent}. */
    public static String child(String parent, int index) {
        return JsonPointer.compile(parent).appendIndex(index).toString();
    }

    /** The pointer one level up; the root is its own parent. */
    static String parent(String pointer) {
        JsonPointer head = JsonPointer.compile(pointer).head();
        return head == null ? ROOT : head.toString();
    }

    /** The last segment, unescaped ({@code api} for {@code /spec/components/api}). */
    static String lastSegment(String pointer) {
        return JsonPointer.compile(pointer).last().getMatchingProperty();
    }

    /** A dotted path for messages: {@code spec.components.api.port}; the root is {@code the spec}. */
    static String display(String pointer) {
        StringBuilder path = new StringBuilder();
        for (JsonPointer p = JsonPointer.compile(pointer); !p.matches(); p = p.tail()) {
            if (p.mayMatchElement() && p.getMatchingProperty().equals(Integer.toString(p.getMatchingIndex()))) {
                path.append('[').append(p.getMatchingIndex()).append(']');
            } else {
                path.append(path.length() == 0 ? "" : ".").append(p.getMatchingProperty());
            }
        }
        return path.length() == 0 ? "the spec" : path.toString();
    }
}
