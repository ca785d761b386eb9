package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code values.schema.json} allows for one value beyond its type: JSON Schema keywords
 * (draft 2020-12 {@code minimum}, {@code enum}, {@code pattern}) that match what the objects
 * accept, so {@code helm install} refuses a value that would not work before anything is applied.
 *
 * @param keywords keyword to its JSON value, in the order they are written
 */
record Bounds(Map<String, JsonNode> keywords) {

    /** No bound beyond the type. */
    static final Bounds NONE = new Bounds(Map.of());

    /** A Kubernetes resource quantity (k8s.io/apimachinery resource.Quantity), for example {@code 10Gi} or {@code 500m}. */
    static final Bounds QUANTITY = pattern("^[0-9]+(\\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$");

    /** A five-field cron schedule or a macro such as {@code @daily} (the CronJob controller's robfig/cron grammar). */
    static final Bounds CRON = pattern("^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\\S+\\s+){4}\\S+)$");

    Bounds {
        keywords = Collections.unmodifiableMap(new LinkedHashMap<>(keywords));
    }

    /** An integer of at least {@code minimum}. */
    static Bounds atLeast(int minimum) {
        return new Bounds(Map.of("minimum", IntNode.valueOf(minimum)));
    }

    /** One of these strings. */
    static Bounds oneOf(List<String> allowed) {
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        allowed.forEach(values::add);
        return new Bounds(Map.of("enum", values));
    }

    private static Bounds pattern(String regex) {
        return new Bounds(Map.of("pattern", TextNode.valueOf(regex)));
    }
}
