package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One key of a chart's values with its value in the default view and in each environment.
 *
 * @param key               where it lives in the values
 * @param kind              how templates write it
 * @param optional          some view has no such field: the template writes the field only when the
 *                          key is set ({@code hasKey}), and an environment removes it with {@code null}
 * @param description       one line for the README and the schema
 * @param bounds            what {@code values.schema.json} allows beyond the type
 * @param defaultValue      the value in {@code values.yaml}; a missing node when the field is absent there
 * @param environmentValues the value in each environment, by environment name; missing nodes for absent fields
 * @param unless            the flag whose {@code true} leaves the field out (a Deployment's replicas while its
 *                          autoscaler is enabled), or {@code null}; such a value is never optional
 */
record ChartValue(ValueKey key, ValueKind kind, boolean optional, String description, Bounds bounds,
                  JsonNode defaultValue, SortedMap<String, JsonNode> environmentValues, ValueKey unless) {

    ChartValue {
        environmentValues = Collections.unmodifiableSortedMap(new TreeMap<>(environmentValues));
    }

    /** The value in an environment, or in the default view for {@code null}. */
    JsonNode value(String environment) {
        return environment == null ? defaultValue : environmentValues.get(environment);
    }
}
