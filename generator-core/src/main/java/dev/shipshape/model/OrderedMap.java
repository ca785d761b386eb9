package dev.shipshape.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the insertion-ordered, unmodifiable maps that hold the fields of custom resources and
 * generated configuration files, so their serialized form is the same on every run. Entries
 * with a {@code null} value are left out, as Kubernetes omits unset optional fields.
 */
public final class OrderedMap {

    private final Map<String, Object> entries = new LinkedHashMap<>();

    private OrderedMap() {
    }

    /** An empty builder. */
    public static OrderedMap builder() {
        return new OrderedMap();
    }

    /**
     * Adds a field; a {@code null} value leaves the field out.
     *
     * @throws IllegalArgumentException if the field was already added
     */
    public OrderedMap put(String key, Object value) {
        if (entries.containsKey(key)) {
            throw new IllegalArgumentException("field " + key + " added twice");
        }
        if (value != null) {
            entries.put(key, value);
        }
        return this;
    }

    /** The fields in the order they were added. */
    public Map<String, Object> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
