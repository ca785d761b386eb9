package dev.shipshape.render.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.spec.ImageReference;
import dev.shipshape.spec.ImageReferences;

/**
 * A container image reference split into the values a Helm user sets — {@code repository},
 * {@code tag}, {@code digest} (the {@code helm create} and Bitnami layout) — and joined back by the
 * chart's {@code <chart>.image} template as {@code repository[:tag][@digest]}. The split is the
 * spec's ({@link ImageReferences#parse}: the tag follows the last {@code :} after the last {@code /},
 * the digest follows {@code @}), so joining gives back exactly the reference the model wrote (a
 * registry port such as {@code registry:5000/app} stays in the repository).
 */
final class ImageParts {

    private ImageParts() {
    }

    /**
     * @param image an image reference as a text node
     * @return {@code {repository, tag, digest}}, an absent part as {@code ""} (so every key is
     *         visible in {@code values.yaml}); a node that is not text is returned as it is
     */
    static JsonNode split(JsonNode image) {
        if (!image.isTextual()) {
            return image;
        }
        ImageReference reference = ImageReferences.parse(image.asText());
        ObjectNode parts = JsonNodeFactory.instance.objectNode();
        parts.put("repository", reference.repository());
        parts.put("tag", reference.tag() == null ? "" : reference.tag());
        parts.put("digest", reference.digest() == null ? "" : reference.digest());
        return parts;
    }
}
