package dev.shipshape.model.patch;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The fields of a typed fabric8 object that its Kubernetes type does not have: fabric8's models
 * keep a field they do not know in the {@code additionalProperties} of the object it is in
 * instead of failing, so a read-back object carries a misspelt field silently. This walks the
 * object through Jackson's view of its properties and lists every such field.
 */
final class UnknownFields {

    private static final String FABRIC8 = "io.fabric8.";

    private final ObjectMapper mapper;

    /** @param mapper the mapper that read the object (its introspection names the properties) */
    UnknownFields(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param object a typed fabric8 object (a {@link GenericKubernetesResource} has no known fields and yields none)
     * @return the unknown fields' paths, dotted with list indexes ({@code spec.template.spec.containers[0].stdinn}), in field order
     */
    List<String> of(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found);
        return List.copyOf(found);
    }

    private void walk(Object value, String path, List<String> found) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, member) -> walk(member, join(path, String.valueOf(key)), found));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
        } else if (value != null && value.getClass().getName().startsWith(FABRIC8) && !(value instanceof GenericKubernetesResource)) {
            BeanDescription bean = mapper.getSerializationConfig().introspect(mapper.constructType(value.getClass()));
            AnnotatedMember anyGetter = bean.findAnyGetter();
            if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> extra) {
                extra.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
            }
            for (BeanPropertyDefinition property : bean.findProperties()) {
                if (property.hasGetter()) {
                    walk(property.getGetter().getValue(value), join(path, property.getName()), found);
                }
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
