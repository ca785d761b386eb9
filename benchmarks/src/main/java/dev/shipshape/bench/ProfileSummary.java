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
 * notes compare them: by pipeline stage (the earliest stage whose classes are on the stack), by the
 * package of the sampled (top) frame, and by top method; plus the JIT's compilation time
 * ({@code jdk.Compilation}), which runs on threads the samples do not cover.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.ProfileSummary rec.jfr [more.jfr ...] [rows]}
 * after a run with {@code -XX:StartFlightRecording=filename=rec.jfr,settings=profile};
 * {@code -Dstage=<name prefix>} counts packages and methods of that stage's samples only.
 */
public final class ProfileSummary {

    /**
     * Stages by the classes (or {@code Class.method} prefixes) that run them, earlier stages first: a
     * sample belongs to the first stage one of whose prefixes one of its frames starts with (worker
     * threads' stacks start in the pool, not at the stage's entry point).
     */
    private static final List<String[]> STAGES = List.of(
            new String[] {"policy engine (rules, CEL)", "dev.shipshape.policy.PolicyEngine$Builder", "dev.shipshape.policy.RuleLoader",
                    "dev.shipshape.policy.CelExpressionCompiler.<init>", "dev.shipshape.policy.CompiledRule.compile",
                    "dev.shipshape.policy.StandardVariables.<init>"},
            new String[] {"loader set-up (schemas)", "dev.shipshape.spec.SpecLoader.<init>"},
            new String[] {"load", "dev.shipshape.spec.SpecLoader"},
            new String[] {"build", "dev.shipshape.model.ModelBuilder"},
            new String[] {"policies", "dev.shipshape.policy.PolicyEngine"},
            new String[] {"render kustomize", "dev.shipshape.render.kustomize."},
            new String[] {"render helm", "dev.shipshape.render.helm."},
            new String[] {"render flux", "dev.shipshape.render.flux."},
            new String[] {"render runbook", "dev.shipshape.render.docs."},
            new String[] {"render schema", "dev.shipshape.SpecSchemaRenderer"},
            new String[] {"write", "dev.shipshape.output.OutputWriter"},
            new String[] {"shipshape, other", "dev.shipshape."});

    private ProfileSummary() {
    }

    /** @param args {@code .jfr} files (their samples are added up), then optionally how many rows of packages and methods (default 25) */
    public static void main(String[] args) throws IOException {
        int rows = args[args.length - 1].matches("[0-9]+") ? Integer.parseInt(args[args.length - 1]) : 25;
        List<Path> files = java.util.Arrays.stream(args).filter(arg -> arg.endsWith(".jfr")).map(Path::of).toList();
        String only = System.getProperty("stage");
        Map<String, Integer> stages = new HashMap<>();
        Map<String, Integer> packages = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        int samples = 0;
        Duration compilation = Duration.ZERO;
        int compilations = 0;
        for (RecordedEvent event : files.stream().flatMap(ProfileSummary::events).toList()) {
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
            String stage = stage(frames);
            stages.merge(stage, 1, Integer::sum);
            if ((only == null || stage.startsWith(only)) && !frames.isEmpty() && frames.get(0).getMethod() != null) {
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

    private static java.util.stream.Stream<RecordedEvent> events(Path file) {
        try {
            return RecordingFile.readAllEvents(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String stage(List<RecordedFrame> frames) {
        for (String[] stage : STAGES) {
            for (RecordedFrame frame : frames) {
                RecordedMethod method = frame.getMethod();
                String name = method == null ? "" : method.getType().getName() + "." + method.getName();
                for (int i = 1; i < stage.length; i++) {
                    if (name.startsWith(stage[i])) {
                        return stage[0];
                    }
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
