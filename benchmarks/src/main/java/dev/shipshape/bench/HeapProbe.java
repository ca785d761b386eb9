package dev.shipshape.bench;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.output.WriteResult;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much heap a compilation needs, outside JMH (which measures allocation rate, not the live set).
 *
 * <ul>
 *   <li>{@code HeapProbe <workload> [runs]}: runs {@code generate} end to end (three times by default) into fresh
 *       directories, then, holding one {@link Compilation}, forces a full GC and prints the live
 *       heap in MiB (the retained set of the specs, models and output tree plus the loaded
 *       classes' static data) and the wall time of each run. Exits 0 on success; an
 *       {@link OutOfMemoryError} exits non-zero.</li>
 *   <li>{@code HeapProbe --bisect <workload>}: runs the above (one run) in child JVMs with {@code -Xmx}
 *       between 16 and 1024 MiB and prints the smallest maximum heap that succeeds, to 8 MiB,
 *       and whether {@code -Xmx512m} succeeds.</li>
 * </ul>
 */
public final class HeapProbe {

    private static final int MIB = 1024 * 1024;

    private HeapProbe() {
    }

    /** @param args {@code --bisect <workload>} or {@code <workload> [runs]}, for example {@code synthetic-1000} */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--bisect")) {
            bisect(args[1]);
        } else if (args.length == 1 || args.length == 2 && args[1].matches("[1-9][0-9]*")) {
            probe(args[0], args.length == 2 ? Integer.parseInt(args[1]) : 3);
        } else {
            System.err.println("usage: HeapProbe [--bisect] <workload> [runs]   (acme, foobar, lofocats, todoozle, synthetic-<n>)");
            System.exit(2);
        }
    }

    private static void probe(String name, int runs) throws Exception {
        Workload workload = Workload.prepare(name);
        try {
            Shipshape shipshape = new Shipshape();
            List<String> times = new ArrayList<>();
            WriteResult result = null;
            for (int run = 0; run < runs; run++) {
                Path output = workload.scratch("output-" + run);
                long start = System.nanoTime();
                result = shipshape.generate(workload.specFiles(), output);
                times.add(String.format(Locale.ROOT, "%.0f", (System.nanoTime() - start) / 1e6));
                Workload.deleteTree(output);
            }
            Compilation held = shipshape.compile(workload.specFiles());
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            memory.gc();
            memory.gc();
            double live = memory.getHeapMemoryUsage().getUsed() / (double) MIB;
            System.out.printf(Locale.ROOT, "%s: %d files, generate runs %s ms, live heap holding a compilation %.1f MiB, max heap %d MiB%n",
                    name, held.output().files().size(), String.join("/", times), live,
                    Runtime.getRuntime().maxMemory() / MIB);
            if (result == null) {
                throw new IllegalStateException("no run");
            }
        } finally {
            workload.delete();
        }
    }

    private static void bisect(String name) throws IOException, InterruptedException {
        int low = 16;
        int high = 1024;
        if (!succeeds(name, high)) {
            System.out.println(name + ": fails even with -Xmx" + high + "m");
            return;
        }
        while (high - low > 8) {
            int middle = (low + high) / 2;
            if (succeeds(name, middle)) {
                high = middle;
            } else {
                low = middle;
            }
        }
        System.out.printf(Locale.ROOT, "%s: smallest -Xmx that succeeds: %d MiB (fails at %d MiB); -Xmx512m %s%n",
                name, high, low, high <= 512 ? "succeeds" : "fails");
    }

    private static boolean succeeds(String name, int heapMib) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heapMib + "m",
                "-cp", System.getProperty("java.class.path")));
        String root = System.getProperty("shipshape.repository.root");
        if (root != null) {
            command.add("-Dshipshape.repository.root=" + root);
        }
        command.add(HeapProbe.class.getName());
        command.add(name);
        command.add("1");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        boolean success = process.waitFor() == 0;
        System.out.printf(Locale.ROOT, "  -Xmx%dm: %s%s%n", heapMib, success ? "ok   " : "FAIL ",
                success ? output.strip() : lastLine(output));
        return success;
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        for (String line : lines) {
            if (line.contains("OutOfMemoryError")) {
                return line.strip();
            }
        }
        return lines[lines.length - 1].strip();
    }
}
