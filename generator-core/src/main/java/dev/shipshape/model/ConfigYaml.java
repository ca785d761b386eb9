package dev.shipshape.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.UncheckedIOException;

/**
 * Writes configuration files held in ConfigMaps (prometheus.yml, rules files) as YAML from ordered
 * maps: block style, no document marker, quotes only where YAML needs them, {@code \n} line ends —
 * the same bytes on every machine.
 */
public final class ConfigYaml {

    private final ObjectMapper mapper = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    /**
     * The YAML text of a tree of maps, lists and scalars.
     *
     * @throws UncheckedIOException if the tree holds a value Jackson cannot write (a programming error)
     */
    public String write(Object tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
