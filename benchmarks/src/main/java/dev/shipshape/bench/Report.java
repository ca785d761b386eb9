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
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.Report results.json}
 */
public final class Report {

    private static final List<String> WORKLOADS = List.of("acme", "foobar", "lofocats", "todoozle",
            "synthetic-10", "synthetic-100", "synthetic-1000");
    private static final List<String> STAGES = List.of("load", "build", "renderKustomize", "renderFlux", "renderRunbook",
            "write", "writeUnchanged", "compile", "generate");

    /** benchmark method → workload → result. */
    private final Map<String, Map<String, JsonNode>> results = new TreeMap<>();

    private Report(JsonNode runs) {
        for (JsonNode run : runs) {
            String benchmark = run.path("benchmark").asText();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            results.computeIfAbsent(method, key -> new LinkedHashMap<>()).put(run.path("params").path("app").asText(), run);
        }
    }

    /** @param args the JMH JSON result file */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report <jmh-results.json>");
            System.exit(2);
        }
        Report report = new Report(new ObjectMapper().readTree(Path.of(args[0]).toFile()));
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
        out.append("| workload | shipshape generate (spec → files) | kubectl kustomize, all overlays | kubectl ÷ shipshape |\n");
        out.append("| --- | ---: | ---: | ---: |\n");
        for (String app : WORKLOADS) {
            double ours = score("generate", app);
            double kubectl = score("kubectlKustomize", app);
            if (ours > 0 && kubectl > 0) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f× |%n", app, number(ours), number(kubectl), kubectl / ours));
            }
        }
        out.append("\nGrowth (end to end, `generate`):\n\n| from → to | components × | time × |\n| --- | ---: | ---: |\n");
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
        double a = score("generate", from);
        double b = score("generate", to);
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

    private static String number(double value) {
        if (value >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }
}
