package dev.shipshape.bench;

import com.marcnuri.helm.Helm;
import dev.shipshape.Shipshape;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Kustomize builds of a grouped synthetic shop against {@code helm template} (issue 15, part 1):
 * for each size, generates {@link SyntheticSpec} (one component group per cell), then runs
 * {@code kubectl kustomize} of one view's overlay in every build (the main build and each group's),
 * one process each under GNU {@code time}, and {@code helm template} of the same view (in-process,
 * helm-java, warm runs). Prints per size the builds, objects, total and largest wall and user CPU
 * seconds, and Helm's wall and process CPU seconds per run. On a shared machine compare user CPU.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.GroupBuilds production 100 300 1000
 * </pre>
 *
 * Helm refuses a chart file above 5 MiB, which {@code values.schema.json} passes at 1,000
 * components; the copy Helm templates then lacks it (said in the output), as it lacks
 * {@code kubeVersion} (see {@link ExternalToolsBenchmark}).
 */
public final class GroupBuilds {

    private static final int HELM_RUNS = 4;
    private static final long HELM_MAX_FILE = 5L * 1024 * 1024;

    private GroupBuilds() {
    }

    /** @param args the view, then the sizes (multiples of {@link SyntheticSpec#CELL_SIZE}) */
    public static void main(String[] args) throws Exception {
        String view = args[0];
        Path work = Files.createTempDirectory("shipshape-group-builds-");
        for (int i = 1; i < args.length; i++) {
            SyntheticSpec synthetic = new SyntheticSpec(Integer.parseInt(args[i]));
            Path specs = Files.createDirectories(work.resolve("specs-" + args[i]));
            Path output = work.resolve("output-" + args[i]);
            new Shipshape().generate(List.of(synthetic.writeTo(specs)), output);
            Path kustomize = output.resolve(synthetic.name()).resolve("kustomize");
            List<Path> overlays = new ArrayList<>(List.of(kustomize.resolve("overlays").resolve(view)));
            try (Stream<Path> groups = Files.list(kustomize.resolve("groups"))) {
                groups.sorted().forEach(group -> overlays.add(group.resolve("overlays").resolve(view)));
            }
            double wall = 0, user = 0, maxWall = 0, maxUser = 0;
            long objects = 0;
            for (Path overlay : overlays) {
                double[] run = kustomize(overlay, work.resolve("time"));
                wall += run[0];
                user += run[1];
                maxWall = Math.max(maxWall, run[0]);
                maxUser = Math.max(maxUser, run[1]);
                objects += (long) run[2];
            }
            System.out.printf("N=%s %s: %d builds, %d objects; kubectl kustomize total wall %.2f s, user %.2f s; largest build wall %.2f s, user %.2f s%n",
                    args[i], view, overlays.size(), objects, wall, user, maxWall, maxUser);
            helm(output.resolve(synthetic.name()).resolve("helm").resolve(synthetic.name()), work.resolve("chart-" + args[i]),
                    synthetic.name(), view);
        }
        Workload.deleteTree(work);
    }

    /** One {@code kubectl kustomize} under GNU time: wall seconds, user seconds, objects built. */
    private static double[] kustomize(Path overlay, Path timeFile) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("/usr/bin/time", "-f", "%e %U", "-o", timeFile.toString(), "kubectl", "kustomize", overlay.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String built = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("kubectl kustomize " + overlay + " failed");
        }
        String[] times = Files.readString(timeFile).strip().split("\\s+");
        long objects = built.lines().filter(line -> line.startsWith("kind: ")).count();
        return new double[] {Double.parseDouble(times[0]), Double.parseDouble(times[1]), objects};
    }

    /** Warm {@code helm template} runs of the view on a copy of the chart Helm accepts. */
    private static void helm(Path chart, Path copy, String release, String view) throws IOException {
        try (Stream<Path> files = Files.walk(chart)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(chart.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (file.getFileName().toString().equals("values.schema.json") && Files.size(file) > HELM_MAX_FILE) {
                    System.out.printf("  (values.schema.json is %d bytes, above Helm's 5 MiB limit: templated without it)%n", Files.size(file));
                } else {
                    Files.copy(file, target);
                }
            }
        }
        Path chartYaml = copy.resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceAll("(?m)^kubeVersion: .*\n", ""));
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run <= HELM_RUNS; run++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            new Helm(copy).template().withName(release).withValuesFile(copy.resolve("values-" + view + ".yaml")).call();
            if (run > 0) { // the first run loads Helm's native library
                System.out.printf("  helm template %s: wall %.2f s, process cpu %.2f s%n", view,
                        (System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
            }
        }
    }
}
