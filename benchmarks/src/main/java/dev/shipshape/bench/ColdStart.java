package dev.shipshape.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.shipshape.Shipshape;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a compiling {@code mvn shipshape:generate} pays in a fresh JVM, phase by phase, outside
 * JMH (which measures warm code). Load-independent figures first: process CPU time (every thread,
 * the JIT compilers and GC included) and classes loaded after each phase; wall time beside them.
 *
 * <ul>
 *   <li>{@code ColdStart [workload]}: in this JVM, times {@code new Shipshape()} (the policy
 *       engine: the rules loaded and their CEL made ready), then a first and a second
 *       {@code generate} of the workload into fresh directories; prints one line.</li>
 *   <li>{@code ColdStart --forks N [workload] [jvm options...]}: the above in N child JVMs, one
 *       after the other, then the median of each figure.</li>
 * </ul>
 *
 * Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.ColdStart --forks 5 acme}
 * (default workload {@code acme}).
 */
public final class ColdStart {

    private static final String[] FIGURES = {"engine-ms", "engine-cpu", "first-ms", "first-cpu", "second-ms",
            "second-cpu", "total-cpu", "classes-engine", "classes-first"};

    private ColdStart() {
    }

    /** @param args {@code [--forks N] [workload] [child JVM options...]} */
    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--forks")) {
            forks(Integer.parseInt(args[1]), args.length > 2 ? args[2] : "acme",
                    args.length > 3 ? Arrays.asList(args).subList(3, args.length) : List.of());
        } else {
            System.out.println(probe(args.length > 0 ? args[0] : "acme"));
        }
    }

    /** One cold run in this JVM: the figures of {@link #FIGURES}, space-separated, after the label {@code cold}. */
    private static String probe(String name) throws Exception {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Workload workload = Workload.prepare(name);
        try {
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Shipshape shipshape = new Shipshape();
            long cpu1 = os.getProcessCpuTime();
            long wall1 = System.nanoTime();
            int classesEngine = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            shipshape.generate(workload.specFiles(), workload.scratch("output-1"));
            long cpu2 = os.getProcessCpuTime();
            long wall2 = System.nanoTime();
            int classesFirst = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
            shipshape.generate(workload.specFiles(), workload.scratch("output-2"));
            long cpu3 = os.getProcessCpuTime();
            long wall3 = System.nanoTime();
            return String.format(Locale.ROOT, "cold %d %d %d %d %d %d %d %d %d",
                    ms(wall1 - wall0), ms(cpu1 - cpu0), ms(wall2 - wall1), ms(cpu2 - cpu1), ms(wall3 - wall2),
                    ms(cpu3 - cpu2), ms(os.getProcessCpuTime()), classesEngine, classesFirst);
        } finally {
            workload.delete();
        }
    }

    private static void forks(int count, String name, List<String> jvmOptions) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<long[]> runs = new ArrayList<>();
        for (int fork = 0; fork < count; fork++) {
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            String root = System.getProperty("shipshape.repository.root");
            if (root != null) {
                command.add("-Dshipshape.repository.root=" + root);
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdStart.class.getName(), name));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("fork failed:\n" + output);
            }
            String line = output.lines().filter(l -> l.startsWith("cold ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no result line in:\n" + output));
            long[] figures = Arrays.stream(line.substring(5).split(" ")).mapToLong(Long::parseLong).toArray();
            runs.add(figures);
            System.out.println("fork " + (fork + 1) + ": " + line.substring(5));
        }
        StringBuilder header = new StringBuilder();
        StringBuilder medians = new StringBuilder();
        for (int i = 0; i < FIGURES.length; i++) {
            int figure = i;
            long[] values = runs.stream().mapToLong(run -> run[figure]).sorted().toArray();
            header.append(String.format(Locale.ROOT, "%15s", FIGURES[i]));
            medians.append(String.format(Locale.ROOT, "%15d", values[values.length / 2]));
        }
        System.out.println(name + ", median of " + count + " forks (ms; classes loaded), load average "
                + loadAverage());
        System.out.println(header);
        System.out.println(medians);
    }

    /** The first three fields of {@code /proc/loadavg}, or {@code ?} where there is none. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
