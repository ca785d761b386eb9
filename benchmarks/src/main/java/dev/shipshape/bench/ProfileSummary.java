package dev.shipshape.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A flight recording's CPU samples ({@code jdk.ExecutionSample}) summed up the ways the benchmark
 * notes compare them: by pipeline stage (the outermost shipshape stage on the stack), by the
 * package of the sampled (top) frame, and by top method; plus the JIT's compilation time
 * ({@code jdk.Compilation}), which runs on threads the samples do not cover.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.ProfileSummary rec.jfr [rows]}
 * after a run with {@code -XX:StartFlightRecording=filename=rec.jfr,settings=profile}.
 */
public final class ProfileSummary {

    /** Stage entry points, outermost first: a sample belongs to the first one found from the bottom of its stack. */
    private static final List<String[]> STAGES = List.of(
            new String[] {"dev.shipshape.policy.PolicyEngine$Builder.build", "policy engine (rules, CEL)"},
            new String[] {"dev.shipshape.spec.SpecLoader.load", "load"},
            new String[] {"dev.shipshape.model.ModelBuilder.build", "build"},
            new String[] {"dev.shipshape.policy.PolicyEngine.evaluate", "policies"},
            new String[] {"dev.shipshape.render.kustomize.KustomizeRenderer.render", "render kustomize"},
            new String[] {"dev.shipshape.render.helm.HelmRenderer.render", "render helm"},
            new String[] {"dev.shipshape.render.flux.FluxRenderer.render", "render flux"},
            new String[] {"dev.shipshape.render.docs.RunbookRenderer.render", "render runbook"},
            new String[] {"dev.shipshape.SpecSchemaRenderer.render", "render schema"},
            new String[] {"dev.shipshape.output.OutputWriter.write", "write"},
            new String[] {"dev.shipshape.Shipshape", "shipshape, other"});

    private ProfileSummary() {
    }

    /** @param args a {@code .jfr} file and optionally how many rows of packages and methods (default 25) */
    public static void main(String[] args) throws IOException {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Map<String, Integer> stages = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        int samples = 0;
        Duration compilation = Duration.ZERO;
        int compilations = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            String type = event.getEventType().getName();
            if (type.equals("jdk.Compilation")) {
                compilation = compilation.plus(event.getDuration());
                compilations++;
                continue;
            }
            if (!type.equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            RecordedStackTrace stack = event.getStackTrace();
            List<RecordedFrame> frames = stack.getFrames();
            stages.merge(stage(frames), 1, Integer::sum);
            if (!frames.isEmpty() && frames.get(0).getMethod() != null) {
                RecordedMethod top = frames.get(0).getMethod();
                String className = top.getType().getName();
                packages.merge(packageOf(className), 1, Integer::sum);
                methods.merge(className + "." + top.getName(), 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "%d execution samples; JIT: %d compilations (of those recorded), %.0f ms%n",
                samples, compilations, compilation.toNanos() / 1e6);
        print("stage", stages, samples, Integer.MAX_VALUE);
        print("package of the sampled frame", packages, samples, rows);
        print("sampled method", methods, samples, rows);
    }

    private static String stage(List<RecordedFrame> frames) {
        for (String[] stage : STAGES) {
            for (int i = frames.size() - 1; i >= 0; i--) {
                RecordedMethod method = frames.get(i).getMethod();
                if (method != null && (method.getType().getName() + "." + method.getName()).startsWith(stage[0])) {
                    return stage[1];
                }
            }
        }
        return "outside shipshape (JVM start, harness, class loading)";
    }

    /** The package, shortened to its first four segments ({@code io.fabric8.kubernetes.api}). */
    private static String packageOf(String className) {
        int end = className.lastIndexOf('.');
        String name = end < 0 ? "" : className.substring(0, end);
        String[] parts = name.split("\\.");
        return String.join(".", java.util.Arrays.asList(parts).subList(0, Math.min(4, parts.length)));
    }

    private static void print(String title, Map<String, Integer> counts, int total, int rows) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%7s %6s  %s%n", "samples", "%", title);
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(rows)
                .forEach(e -> System.out.printf(Locale.ROOT, "%7d %5.1f%%  %s%n", e.getValue(), 100.0 * e.getValue() / total, e.getKey()));
    }
}
