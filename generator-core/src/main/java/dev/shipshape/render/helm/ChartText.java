package dev.shipshape.render.helm;

import dev.shipshape.model.OutputLayout;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The fixed text files of a chart — {@code Chart.yaml}, {@code templates/_helpers.tpl},
 * {@code templates/NOTES.txt} and {@code README.md} — from mustache templates in this package's
 * resources. The templates use {@code <% %>} as mustache delimiters so Helm's {@code {{ }}} passes
 * through untouched, and nothing is HTML-escaped: each value is escaped here for the file it lands in.
 */
final class ChartText {

    /**
     * The oldest Kubernetes the objects run on: the {@code preStop} {@code sleep} action of the
     * web Deployments is beta and on by default from 1.30 (KEP-3960); {@code -0} admits provider
     * versions such as {@code 1.30.5-gke.1014001}, as Helm's SemVer constraints otherwise skip pre-releases.
     */
    static final String KUBE_VERSION = ">=1.30.0-0";
    /** README cells longer than this are cut; {@code values.yaml} holds the whole value. */
    private static final int CELL_LIMIT = 60;

    private final Map<String, Mustache> templates = new HashMap<>();

    ChartText() {
        DefaultMustacheFactory factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        for (String name : List.of("Chart.yaml", "_helpers.tpl", "NOTES.txt", "README.md")) {
            String resource = name + ".mustache";
            try (InputStream in = Objects.requireNonNull(ChartText.class.getResourceAsStream(resource), resource);
                 Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                templates.put(name, factory.compile(reader, resource, "<%", "%>"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + " from the shipshape jar", e);
            }
        }
    }

    /** {@code Chart.yaml}: apiVersion v2, the spec's description (else "The <name> application."), its version as chart version and appVersion, the supported Kubernetes versions. */
    String chartYaml(ChartPlan chart) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("name", chart.name());
        // metadata.description is optional in a spec; Chart.yaml always gets one
        scope.put("description", yamlString(chart.description() != null ? chart.description() : "The " + chart.name() + " application."));
        scope.put("version", yamlString(chart.version()));
        scope.put("appVersion", yamlString(chart.version()));
        scope.put("kubeVersion", yamlString(KUBE_VERSION));
        scope.put("kubeVersionReason", "Kubernetes 1.30 or later: the preStop sleep action is on by default from 1.30");
        return render("Chart.yaml", scope);
    }

    /** {@code templates/_helpers.tpl}: the chart label, the selector labels and Helm's bookkeeping labels. */
    String helpers(ChartPlan chart) {
        return render("_helpers.tpl", Map.of("name", chart.name(), "instance", yamlString(chart.name())));
    }

    /** {@code templates/NOTES.txt}: where the objects are, the public routes of the installed environment, how to watch the rollout. */
    String notes(ChartPlan chart) {
        List<Map<String, String>> routes = new ArrayList<>();
        for (ChartObject object : chart.objects()) {
            if (object.key().kind().equals("Ingress")) {
                routes.addAll(routes(object));
            } else if (object.key().kind().equals("HTTPRoute") || object.key().kind().equals("GRPCRoute")) {
                routes.addAll(gatewayRoutes(object));
            }
        }
        Map<String, Object> scope = new HashMap<>();
        scope.put("name", chart.name());
        scope.put("namespace", chart.name());
        scope.put("hasRoutes", !routes.isEmpty());
        scope.put("routes", routes);
        return render("NOTES.txt", scope);
    }

    /** {@code README.md}: what the chart is, how to install it, the values table with each environment's overrides. */
    String readme(ChartPlan chart, String specFile) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ChartValue value : chart.values()) {
            Map<String, Object> row = new HashMap<>();
            row.put("key", value.key().dotted());
            row.put("type", type(value));
            row.put("default", cell(value.defaultValue()));
            List<String> overrides = new ArrayList<>();
            for (String env : chart.environments()) {
                JsonNode override = value.value(env);
                overrides.add(override.equals(value.defaultValue()) ? "" : cell(override));
            }
            row.put("overrides", overrides);
            row.put("description", value.description().replace("|", "\\|"));
            rows.add(row);
        }
        Map<String, Object> scope = new HashMap<>();
        scope.put("name", chart.name());
        scope.put("description", chart.description());
        scope.put("specFile", specFile);
        scope.put("namespace", chart.name());
        boolean createsNamespace = chart.objects().stream().anyMatch(o -> o.key().kind().equals("Namespace"));
        scope.put("createsNamespace", createsNamespace);
        scope.put("releaseNamespace", createsNamespace ? "default" : chart.name());
        List<String> environments = chart.environments().stream().filter(view -> !chart.layeredOn().containsKey(view)).toList();
        scope.put("firstEnvironment", environments.isEmpty() ? "<env>" : environments.get(0));
        scope.put("environments", chart.environments());
        scope.put("environmentFiles", environments.isEmpty() ? "none"
                : environments.stream().map(env -> "`" + OutputLayout.valuesFile(env) + "`").collect(Collectors.joining(", ")));
        String clusterFiles = chart.layeredOn().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "`" + OutputLayout.valuesFile(e.getKey()) + "` (after `" + OutputLayout.valuesFile(e.getValue()) + "`)")
                .collect(Collectors.joining(", "));
        scope.put("clusterFiles", clusterFiles.isEmpty() ? null : clusterFiles);
        scope.put("rows", rows);
        return render("README.md", scope);
    }

    /** The route lines of an Ingress: {@code https://<host><path>}, host and path as template expressions when they are values. */
    private static List<Map<String, String>> routes(ChartObject ingress) {
        List<Map<String, String>> routes = new ArrayList<>();
        JsonNode rules = ingress.tree().path("spec").path("rules");
        for (int i = 0; i < rules.size(); i++) {
            JsonPointer rule = JsonPointer.compile("/spec/rules/" + i);
            String host = inline(ingress, rule.appendProperty("host"));
            JsonNode paths = rules.get(i).path("http").path("paths");
            for (int p = 0; p < Math.max(1, paths.size()); p++) {
                String path = paths.isEmpty() ? "/" : inline(ingress, rule.appendProperty("http").appendProperty("paths").appendIndex(p).appendProperty("path"));
                Map<String, String> route = new HashMap<>();
                route.put("url", host == null || path == null
                        ? "see kubectl --namespace " + ingress.key().namespace() + " get ingress " + ingress.key().name()
                        : "https://" + host + path);
                if (ingress.enabled() != null) {
                    route.put("condition", ingress.enabled().key().expression());
                }
                routes.add(route);
            }
        }
        return routes;
    }

    /**
     * The route lines of an HTTPRoute or GRPCRoute: {@code https://<hostname><path>} per hostname and
     * path prefix of each rule that forwards (a rule without backendRefs, an excluded path or the
     * redirect, serves nothing); a GRPCRoute's rules have no paths and are {@code /}.
     */
    private static List<Map<String, String>> gatewayRoutes(ChartObject route) {
        List<Map<String, String>> routes = new ArrayList<>();
        JsonNode hostnames = route.tree().path("spec").path("hostnames");
        JsonNode rules = route.tree().path("spec").path("rules");
        for (int h = 0; h < hostnames.size(); h++) {
            String host = inline(route, JsonPointer.compile("/spec/hostnames/" + h));
            for (int r = 0; r < rules.size(); r++) {
                if (rules.get(r).path("backendRefs").isEmpty()) {
                    continue;
                }
                JsonNode matches = rules.get(r).path("matches");
                for (int m = 0; m < Math.max(1, matches.size()); m++) {
                    String path = matches.path(m).path("path").has("value")
                            ? inline(route, JsonPointer.compile("/spec/rules/" + r + "/matches/" + m + "/path/value")) : "/";
                    Map<String, String> line = new HashMap<>();
                    line.put("url", host == null || path == null
                            ? "see kubectl --namespace " + route.key().namespace() + " get " + route.key().kind().toLowerCase(java.util.Locale.ROOT)
                                    + " " + route.key().name()
                            : "https://" + host + path);
                    if (route.enabled() != null) {
                        line.put("condition", route.enabled().key().expression());
                    }
                    routes.add(line);
                }
            }
        }
        return routes;
    }

    /**
     * A field for NOTES.txt: its value's expression when the field is a required scalar value,
     * its escaped literal when no value covers it, {@code null} when it is part of a larger value.
     */
    private static String inline(ChartObject object, JsonPointer field) {
        for (Map.Entry<JsonPointer, ChartValue> binding : object.bindings().entrySet()) {
            String bound = binding.getKey().toString();
            if (bound.equals(field.toString())) {
                ChartValue value = binding.getValue();
                return value.optional() || value.kind() == ValueKind.TREE ? null : "{{ " + value.key().expression() + " }}";
            }
            if (field.toString().startsWith(bound + "/")) {
                return null;
            }
        }
        return TemplateText.escape(object.tree().at(field).asText());
    }

    private static String type(ChartValue value) {
        JsonNode type = ValuesSchema.leaf(value).path("type");
        String name = type.isArray()
                ? java.util.stream.StreamSupport.stream(type.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(" or "))
                : type.asText("any");
        return value.optional() ? name + ", optional" : name;
    }

    private static String cell(JsonNode value) {
        if (value.isMissingNode()) {
            return "*unset*";
        }
        String text = value.isTextual() ? TextNode.valueOf(value.asText()).toString() : value.toString();
        if (text.length() > CELL_LIMIT) {
            text = text.substring(0, CELL_LIMIT) + "…";
        }
        String code = text.contains("`") ? "`` " + text + " ``" : "`" + text + "`";
        return code.replace("|", "\\|");
    }

    /** A YAML double-quoted scalar: a JSON string literal, which YAML reads the same. */
    private static String yamlString(String text) {
        return TextNode.valueOf(text).toString();
    }

    private String render(String name, Map<String, ?> scope) {
        StringWriter out = new StringWriter();
        templates.get(name).execute(out, scope);
        return out.toString();
    }
}
