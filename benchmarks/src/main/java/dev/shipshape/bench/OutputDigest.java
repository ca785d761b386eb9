package dev.shipshape.bench;

import dev.shipshape.Compilation;
import dev.shipshape.Shipshape;
import dev.shipshape.policy.Finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/**
 * One line per workload that changes when anything shipshape produces for it changes: a SHA-256 of
 * every output file (path and content, in path order) and one of every policy finding
 * ({@link Finding#toString()}, in report order, the workload's temporary directory left out), with their counts. A performance change must leave
 * both unchanged: run it before and after on the same workloads and compare the lines.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.shipshape.bench.OutputDigest acme synthetic-1000 ...}
 * (the {@link Workload} names), from the repository root.
 */
public final class OutputDigest {

    private OutputDigest() {
    }

    /** @param args workload names */
    public static void main(String[] args) throws Exception {
        Shipshape shipshape = new Shipshape();
        for (String name : args) {
            Workload workload = Workload.prepare(name);
            try {
                Compilation compilation = shipshape.compile(workload.specFiles());
                MessageDigest files = MessageDigest.getInstance("SHA-256");
                for (Map.Entry<String, String> file : compilation.output().files().entrySet()) {
                    files.update((file.getKey() + "\0" + file.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
                }
                MessageDigest findings = MessageDigest.getInstance("SHA-256");
                for (Finding finding : compilation.policy().findings()) {
                    // a finding's location names the workload's temporary directory
                    String text = finding.toString().replace(workload.directory().toString(), "<workload>");
                    findings.update((text + "\0").getBytes(StandardCharsets.UTF_8));
                }
                System.out.printf("%s files=%d %s findings=%d %s%n", name, compilation.output().files().size(),
                        HexFormat.of().formatHex(files.digest()), compilation.policy().findings().size(),
                        HexFormat.of().formatHex(findings.digest()));
            } finally {
                workload.delete();
            }
        }
    }
}
