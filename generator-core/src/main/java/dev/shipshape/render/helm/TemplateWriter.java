package dev.shipshape.render.helm;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.shipshape.render.ObjectYaml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the Helm template of one chart object from its JSON tree: the tree is written with the
 * shared {@link ObjectYaml} after each value-bound field is replaced by a placeholder, literal
 * text is escaped ({@link TemplateText}), and each placeholder becomes a template action:
 * <ul>
 *   <li>a scalar: {@code host: {{ .Values.api.host | quote }}}, {@code {{ .Values.api.replicas | int64 }}};</li>
 *   <li>an image: {@code image: {{ include "<chart>.image" .Values.api.image | quote }}} from its repository, tag and digest;</li>
 *   <li>a map, list or mixed-type field: {@code resources:} then {@code {{- toYaml .Values.api.resources | nindent 12 }}};</li>
 *   <li>a field some environment lacks: the same block inside {@code {{- if hasKey <parent> "<key>" }}};</li>
 *   <li>a field present exactly where a flag is off (a Deployment's replicas and its autoscaler):
 *       inside {@code {{- if not .Values.api.autoscaling.enabled }}};</li>
 *   <li>label sets: {@code app.kubernetes.io/name} and {@code instance} from {@code <chart>.selectorLabels},
 *       and, on every object and wherever the model sets {@code app.kubernetes.io/managed-by},
 *       Helm's {@code helm.sh/chart} and {@code managed-by} from {@code <chart>.helmLabels}.</li>
 * </ul>
 * An object not every environment has is wrapped in {@code {{- if .Values.<...>.enabled }}}.
 */
final class TemplateWriter {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String INSTANCE = "app.kubernetes.io/instance";

    private static final Pattern LINE = Pattern.compile("( *)((?:- )*)(.*)");
    private static final List<String> SELECTOR_FIELDS = List.of("labels", "matchLabels", "selector");

    private final ObjectYaml yaml;

    /** @param yaml the shared YAML writer */
    TemplateWriter(ObjectYaml yaml) {
        this.yaml = yaml;
    }

    /** What a placeholder stands for. */
    private sealed interface Placeholder permits Scalar, Block, OptionalBlock, Unless, Include {
    }

    /** A field written unless a flag is set: {@code {{- if not <flag> }}} around it. */
    private record Unless(ChartValue value) implements Placeholder {
    }

    private record Scalar(ChartValue value) implements Placeholder {
    }

    private record Block(ChartValue value) implements Placeholder {
    }

    private record OptionalBlock(ChartValue value) implements Placeholder {
    }

    /** A map entry that stands for the entries a named template prints. */
    private record Include(String template, String argument) implements Placeholder {
    }

    /**
     * The template text of an object.
     *
     * @param chart  the chart name, which prefixes the named templates of {@code _helpers.tpl}
     * @param object the object
     * @return the template, ending with a newline
     */
    String write(String chart, ChartObject object) {
        ObjectNode tree = object.tree();
        Placeholders placeholders = new Placeholders(tree, chart);
        for (Map.Entry<JsonPointer, ChartValue> binding : object.bindings().entrySet()) {
            ChartValue value = binding.getValue();
            Placeholder placeholder = value.optional() ? new OptionalBlock(value)
                    : value.unless() != null ? new Unless(value)
                    : value.kind() == ValueKind.TREE ? new Block(value) : new Scalar(value);
            put(tree, binding.getKey(), placeholders.add(placeholder));
        }
        spliceLabels(chart, tree, JsonPointer.empty(), placeholders);
        String text = placeholders.substitute(TemplateText.escape(yaml.write(tree)));
        if (object.enabled() != null) {
            text = "{{- if " + object.enabled().key().expression() + " }}\n" + text + "{{- end }}\n";
        }
        return text;
    }

    /** Sets the node at a pointer, adding the field to its parent map when it is absent there. */
    private static void put(ObjectNode tree, JsonPointer pointer, String token) {
        JsonNode parent = tree.at(pointer.head());
        String field = pointer.last().getMatchingProperty();
        if (parent instanceof ObjectNode map) {
            map.put(field, token);
        } else if (parent instanceof ArrayNode list) {
            list.set(pointer.last().getMatchingIndex(), TextNode.valueOf(token));
        } else {
            throw new IllegalStateException("no field " + pointer.head() + " to hold value " + pointer);
        }
    }

    /** Replaces the selector and bookkeeping labels of every label map by the named templates. */
    private void spliceLabels(String chart, JsonNode node, JsonPointer pointer, Placeholders placeholders) {
        if (node instanceof ObjectNode map) {
            List<String> fields = new ArrayList<>();
            map.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                JsonNode child = map.get(field);
                JsonPointer childPointer = pointer.appendProperty(field);
                if (field.equals("metadata") && child instanceof ObjectNode metadata) {
                    boolean objectLevel = pointer.matches();
                    if (objectLevel && !metadata.has("labels")) {
                        metadata.putObject("labels");
                    }
                    if (metadata.get("labels") instanceof ObjectNode labels && (objectLevel || labels.has(MANAGED_BY))) {
                        labels.remove(MANAGED_BY);
                        labels.put(placeholders.add(new Include(chart + ".helmLabels", "$")), "");
                    }
                }
                if (SELECTOR_FIELDS.contains(field) && child instanceof ObjectNode labels) {
                    spliceSelector(chart, labels, placeholders);
                }
                spliceLabels(chart, child, childPointer, placeholders);
            }
        } else if (node instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                spliceLabels(chart, list.get(i), pointer.appendIndex(i), placeholders);
            }
        }
    }

    /** {@code name} and {@code instance} (the chart's name) become {@code {{- include "<chart>.selectorLabels" "<name>" }}}. */
    private static void spliceSelector(String chart, ObjectNode labels, Placeholders placeholders) {
        JsonNode name = labels.get(ValueNames.NAME_LABEL);
        JsonNode instance = labels.get(INSTANCE);
        if (name == null || !name.isTextual() || placeholders.isToken(name.asText()) || instance == null || !chart.equals(instance.asText())) {
            return;
        }
        ObjectNode rest = labels.deepCopy();
        rest.remove(List.of(ValueNames.NAME_LABEL, INSTANCE));
        labels.removeAll();
        labels.put(placeholders.add(new Include(chart + ".selectorLabels", goString(name.asText()))), "");
        labels.setAll(rest);
    }

    /** A Go string literal. */
    static String goString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The placeholders of one template: unique tokens that occur nowhere in the object's own text. */
    private static final class Placeholders {
        private final String chart;
        private final String prefix;
        private final Pattern token;
        private final List<Placeholder> placeholders = new ArrayList<>();

        /**
         * @param object the object's tree: no field name or string in it contains a token (the
         *               tokens are letters and digits, which YAML writes as they are)
         */
        Placeholders(JsonNode object, String chart) {
            this.chart = chart;
            String candidate = "shipshapeValue";
            while (mentions(object, candidate)) {
                candidate = candidate + "X";
            }
            this.prefix = candidate;
            this.token = Pattern.compile("[\"']?" + Pattern.quote(prefix) + "N(\\d+)E[\"']?");
        }

        /** Whether a field name or string of the tree contains the text. */
        private static boolean mentions(JsonNode node, String text) {
            if (node.isTextual()) {
                return node.textValue().contains(text);
            }
            if (node.isArray()) {
                for (JsonNode element : node) {
                    if (mentions(element, text)) {
                        return true;
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().contains(text) || mentions(field.getValue(), text)) {
                    return true;
                }
            }
            return false;
        }

        String add(Placeholder placeholder) {
            placeholders.add(placeholder);
            return prefix + "N" + (placeholders.size() - 1) + "E";
        }

        boolean isToken(String text) {
            return token.matcher(text).matches();
        }

        String substitute(String text) {
            List<String> out = new ArrayList<>();
            Iterator<String> lines = List.of(text.split("\n", -1)).iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                Matcher found = token.matcher(line);
                if (!found.find()) {
                    out.add(line);
                    continue;
                }
                Placeholder placeholder = placeholders.get(Integer.parseInt(found.group(1)));
                if (placeholder instanceof Scalar scalar) {
                    out.add(found.replaceFirst(Matcher.quoteReplacement(scalar.value().kind().inline(scalar.value().key(), chart))));
                } else {
                    block(line, placeholder, out);
                }
            }
            return String.join("\n", out);
        }

        /** Writes a block placeholder's lines; a list item's {@code - } goes on a line of its own so the block can follow. */
        private void block(String line, Placeholder placeholder, List<String> out) {
            Matcher parts = LINE.matcher(line);
            if (!parts.matches()) {
                throw new IllegalStateException("cannot place a value in line: " + line);
            }
            int column = parts.group(1).length();
            for (int dash = 0; dash < parts.group(2).length() / 2; dash++) {
                out.add(" ".repeat(column) + "-");
                column += 2;
            }
            String rest = parts.group(3);
            String pad = " ".repeat(column);
            Matcher value = token.matcher(rest);
            if (!value.find()) {
                throw new IllegalStateException("lost a placeholder in line: " + line);
            }
            String key = value.start() == 0 ? null : rest.substring(0, value.start()).replaceFirst(": ?$", "");
            if (placeholder instanceof Include include) {
                out.add(pad + "{{- include " + goString(include.template()) + " " + include.argument() + " | nindent " + column + " }}");
            } else if (placeholder instanceof Block block) {
                toYaml(block.value(), key, column, out);
            } else if (placeholder instanceof OptionalBlock optional) {
                out.add(pad + "{{- if hasKey " + optional.value().key().parentExpression() + " "
                        + goString(optional.value().key().leaf()) + " }}");
                toYaml(optional.value(), key, column, out);
                out.add(pad + "{{- end }}");
            } else if (placeholder instanceof Unless unless) {
                ChartValue field = unless.value();
                out.add(pad + "{{- if not " + field.unless().expression() + " }}");
                if (field.kind() == ValueKind.TREE) {
                    toYaml(field, key, column, out);
                } else {
                    out.add(pad + (key == null ? "" : key + ": ") + field.kind().inline(field.key(), chart));
                }
                out.add(pad + "{{- end }}");
            } else {
                throw new IllegalStateException("a scalar is written inline: " + placeholder);
            }
        }

        private static void toYaml(ChartValue value, String key, int column, List<String> out) {
            int indent = key == null ? column : column + 2;
            if (key != null) {
                out.add(" ".repeat(column) + key + ":");
            }
            out.add(" ".repeat(indent) + "{{- toYaml " + value.key().expression() + " | nindent " + indent + " }}");
        }
    }
}
