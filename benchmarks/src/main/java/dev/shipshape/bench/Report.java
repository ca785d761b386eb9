package dev.shipshape.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result file ({@code -rf json -rff results.json}) of {@link PipelineBenchmark}
 * and {@link ExternalToolsBenchmark} into the Markdown tables of {@code docs/benchmarks.md}: time
 * per stage, allocation per operation (when run with {@code -prof gc}), the side-by-side ratios
 * and the growth from 10 to 100 to 1,000 components.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.Report results.json [more.json...]}
 */
public final class Report {

    private static final List<String> WORKLOADS = List.of("acme", "foobar", "lofocats", "todoozle",
            "synthetic-10", "synthetic-100", "synthetic-1000");
    private static final List<String> STAGES = List.of("load", "build", "evaluatePolicies", "renderKustomize", "renderHelm",
            "renderFlux", "renderRunbook", "write", "writeUnchanged", "compile", "endToEnd");

    /** benchmark method → workload → result. */
    private final Map<String, Map<String, JsonNode>> results = new TreeMap<>();

    private Report(List<JsonNode> files) {
        for (JsonNode run : files.stream().flatMap(file -> java.util.stream.StreamSupport.stream(file.spliterator(), false)).toList()) {
            String benchmark = run.path("benchmark").asText();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            results.computeIfAbsent(method, key -> new LinkedHashMap<>()).put(run.path("params").path("app").asText(), run);
        }
    }

    /** @param args JMH JSON result files; a later file's result for the same benchmark and workload wins */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Report <jmh-results.json>...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> files = new ArrayList<>();
        for (String arg : args) {
            files.add(json.readTree(Path.of(arg).toFile()));
        }
        Report report = new Report(files);
        System.out.print(report.markdown());
    }

    private String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Time per operation, ms (avgt, ± 99.9 % confidence half-width):\n\n");
        table(out, STAGES, run -> String.format(Locale.ROOT, "%s ± %s", number(run.path("primaryMetric").path("score").asDouble()),
                number(run.path("primaryMetric").path("scoreError").asDouble())));
        if (results.values().stream().flatMap(byApp -> byApp.values().stream()).anyMatch(run -> allocation(run) >= 0)) {
            out.append("\nAllocation per operation, MiB (`-prof gc`, gc.alloc.rate.norm):\n\n");
            table(out, STAGES, run -> allocation(run) < 0 ? "" : number(allocation(run) / (1024 * 1024)));
        }
        out.append("\nSide by side on the same application, ms per operation and ratio:\n\n");
        out.append("| workload | shipshape endToEnd | kubectl kustomize, all overlays | ÷ endToEnd | shipshape renderKustomize | ÷ renderKustomize "
                + "| helm template, all environments | ÷ endToEnd | shipshape renderHelm | ÷ renderHelm |\n");
        out.append("| --- |" + " ---: |".repeat(9) + "\n");
        for (String app : WORKLOADS) {
            double ours = score("endToEnd", app);
            if (ours > 0) {
                double kubectl = score("kubectlKustomize", app);
                double helm = score("helmTemplate", app);
                double kustomize = score("renderKustomize", app);
                double chart = score("renderHelm", app);
                out.append("| ").append(app).append(" | ").append(number(ours))
                        .append(" | ").append(number(kubectl)).append(" | ").append(ratio(kubectl, ours))
                        .append(" | ").append(number(kustomize)).append(" | ").append(ratio(kubectl, kustomize))
                        .append(" | ").append(number(helm)).append(" | ").append(ratio(helm, ours))
                        .append(" | ").append(number(chart)).append(" | ").append(ratio(helm, chart)).append(" |\n");
            }
        }
        out.append("\nGrowth (`endToEnd`):\n\n| from → to | components × | time × |\n| --- | ---: | ---: |\n");
        growth(out, "synthetic-10", "synthetic-100", 10);
        growth(out, "synthetic-100", "synthetic-1000", 10);
        growth(out, "synthetic-10", "synthetic-1000", 100);
        return out.toString();
    }

    private void table(StringBuilder out, List<String> stages, java.util.function.Function<JsonNode, String> cell) {
        List<String> present = new ArrayList<>(stages.stream().filter(results::containsKey).toList());
        out.append("| workload | ").append(String.join(" | ", present)).append(" |\n");
        out.append("| --- |").append(" ---: |".repeat(present.size())).append('\n');
        for (String app : WORKLOADS) {
            StringBuilder row = new StringBuilder("| " + app + " |");
            boolean any = false;
            for (String stage : present) {
                JsonNode run = results.get(stage).get(app);
                row.append(' ').append(run == null ? "" : cell.apply(run)).append(" |");
                any |= run != null;
            }
            if (any) {
                out.append(row).append('\n');
            }
        }
    }

    private void growth(StringBuilder out, String from, String to, int factor) {
        double a = score("endToEnd", from);
        double b = score("endToEnd", to);
        if (a > 0 && b > 0) {
            out.append(String.format(Locale.ROOT, "| %s → %s | %d | %.1f |%n", from, to, factor, b / a));
        }
    }

    private double score(String method, String app) {
        JsonNode run = results.getOrDefault(method, Map.of()).get(app);
        return run == null ? -1 : run.path("primaryMetric").path("score").asDouble();
    }

    /** Bytes allocated per operation, or -1 when the run had no GC profiler. */
    private static double allocation(JsonNode run) {
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) run.path("secondaryMetrics")::fields) {
            if (entry.getKey().replace("·", "").equals("gc.alloc.rate.norm")) {
                return entry.getValue().path("score").asDouble();
            }
        }
        return -1;
    }

    private static String ratio(double numerator, double denominator) {
        return numerator > 0 && denominator > 0 ? String.format(Locale.ROOT, "%.1f×", numerator / denominator) : "";
    }

    private static String number(double value) {
        if (value < 0) {
            return "";
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }
}
