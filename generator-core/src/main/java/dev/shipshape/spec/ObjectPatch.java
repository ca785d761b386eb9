package dev.shipshape.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Objects;

/**
 * One entry of a component's {@code patches}: a change to one object shipshape generated for the
 * component, applied inside the model ({@link dev.shipshape.model.patch.ObjectPatches}) so every
 * rendering and the policies see the patched object.
 *
 * @param kind       {@code target.kind}, for example {@code Deployment}
 * @param name       {@code target.name}, or {@code null} for the component's own object of that kind
 * @param merge      {@code patch}: a strategic merge patch (a JSON object), or {@code null} for a JSON Patch
 * @param operations {@code operations}: RFC 6902 operations in order, empty for a strategic merge patch
 * @param location   where the entry is written (the list item)
 * @param target     where {@code target} is written
 * @param body       where {@code patch} or {@code operations} is written
 */
public record ObjectPatch(String kind, String name, JsonNode merge, List<Operation> operations, Location location,
                         Location target, Location body) {

    /**
     * One RFC 6902 operation.
     *
     * @param operation the operation as written ({@code op}, {@code path}, {@code from}, {@code value})
     * @param location  where it is written
     */
    public record Operation(JsonNode operation, Location location) {

        public Operation {
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(location, "location");
        }

        /** {@code op}, for example {@code replace}. */
        public String op() {
            return operation.path("op").asText();
        }

        /** {@code path}, a JSON Pointer. */
        public String path() {
            return operation.path("path").asText();
        }
    }

    /** @throws IllegalArgumentException unless exactly one of a merge patch and operations is given */
    public ObjectPatch {
        Objects.requireNonNull(kind, "kind");
        operations = List.copyOf(operations);
        if ((merge == null) == operations.isEmpty()) {
            throw new IllegalArgumentException(location + ": a patch is either a strategic merge patch or operations");
        }
    }

    /** Whether this is a strategic merge patch (else a JSON Patch). */
    public boolean strategicMerge() {
        return merge != null;
    }

    /** {@code Kind/name}, or {@code Kind} when the name is left to the default. */
    public String targetText() {
        return name == null ? kind : kind + "/" + name;
    }
}
