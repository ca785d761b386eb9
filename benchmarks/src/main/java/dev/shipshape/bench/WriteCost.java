package dev.shipshape.bench;

import dev.shipshape.Shipshape;
import dev.shipshape.output.OutputTree;
import dev.shipshape.output.OutputWriter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The cost of {@link OutputWriter#write} alone, timed one operation at a time, for a machine too
 * busy for JMH's averages to settle: prints the minimum and the median of each of three cases
 * (a fresh directory; the same tree again; a tenth of the files changed). The minimum is the
 * run least disturbed by other processes. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.WriteCost [workload] [rounds] [directory]}
 * (defaults {@code synthetic-1000}, 7, a temporary directory); the workload is compiled once, outside the timing.
 */
public final class WriteCost {

    private WriteCost() {
    }

    public static void main(String[] args) throws Exception {
        String app = args.length > 0 ? args[0] : "synthetic-1000";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Workload workload = Workload.prepare(app);
        try {
            OutputTree tree = new Shipshape().compile(workload.specFiles()).output();
            OutputTree tenthChanged = new OutputTree();
            int i = 0;
            for (var file : tree.files().entrySet()) {
                tenthChanged.add(file.getKey(), i++ % 10 == 0 ? file.getValue() + "# changed\n" : file.getValue(), tree.sources(file.getKey()));
            }
            Path base = args.length > 2 ? Path.of(args[2]) : workload.scratch("write-cost");
            Path specs = workload.directory().resolve("specs");
            OutputWriter writer = new OutputWriter(Shipshape.version());
            List<Long> fresh = new ArrayList<>();
            List<Long> unchanged = new ArrayList<>();
            List<Long> changed = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) { // round 0 warms up
                Path output = base.resolve("output-" + round);
                fresh.add(time(() -> writer.write(tree, output, specs)));
                unchanged.add(time(() -> writer.write(tree, output, specs)));
                changed.add(time(() -> writer.write(tenthChanged, output, specs)));
                Workload.deleteTree(output);
            }
            System.out.printf("%s, %d files, %d rounds, in %s%n", app, tree.files().size(), rounds, base);
            report("write (fresh directory)", fresh);
            report("writeUnchanged", unchanged);
            report("writeTenthChanged", changed);
        } finally {
            workload.delete();
        }
    }

    private interface Write {
        void run() throws Exception;
    }

    private static long time(Write write) throws Exception {
        long start = System.nanoTime();
        write.run();
        return System.nanoTime() - start;
    }

    private static void report(String name, List<Long> nanos) {
        List<Long> measured = new ArrayList<>(nanos.subList(1, nanos.size()));
        Collections.sort(measured);
        System.out.printf("%-24s min %7.0f ms   median %7.0f ms%n", name, measured.get(0) / 1e6, measured.get(measured.size() / 2) / 1e6);
    }
}
