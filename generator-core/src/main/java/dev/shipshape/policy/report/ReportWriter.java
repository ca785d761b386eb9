package dev.shipshape.policy.report;

import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes every report format into one directory (by convention {@code target/shipshape/}):
 * {@code policy.txt}, {@code policy.json}, {@code policy.sarif} and {@code TEST-shipshape-policy.xml}
 * (the JUnit name CI tools pick up), UTF-8.
 *
 * @param paths       how to name spec files in the reports
 * @param failOn      the lowest severity that fails the build (JUnit failures)
 * @param toolVersion shipshape's version, for SARIF
 */
public record ReportWriter(ReportPaths paths, Severity failOn, String toolVersion) {

    /** The file names written, in order. */
    public static final List<String> FILES = List.of("policy.txt", "policy.json", "policy.sarif", "TEST-shipshape-policy.xml");

    /**
     * Writes the reports, creating the directory.
     *
     * @return the files written
     * @throws IOException when the directory or a file cannot be written
     */
    public List<Path> write(PolicyReport report, Path directory) throws IOException {
        return write(render(report), directory);
    }

    /**
     * Writes rendered reports ({@link #render}), creating the directory.
     *
     * @param reports contents by file name
     * @return the files written
     * @throws IOException when the directory or a file cannot be written
     */
    public static List<Path> write(SortedMap<String, String> reports, Path directory) throws IOException {
        Files.createDirectories(directory);
        for (Map.Entry<String, String> report : reports.entrySet()) {
            Files.writeString(directory.resolve(report.getKey()), report.getValue(), StandardCharsets.UTF_8);
        }
        return reports.keySet().stream().map(directory::resolve).toList();
    }

    /** The contents of every report, by file name ({@link #FILES}). */
    public SortedMap<String, String> render(PolicyReport report) {
        List<String> contents = List.of(
                new TextReport(paths).render(report),
                new JsonReport(paths).render(report),
                new SarifReport(paths, toolVersion).render(report),
                new JunitReport(paths, failOn).render(report));
        SortedMap<String, String> reports = new TreeMap<>();
        for (int i = 0; i < FILES.size(); i++) {
            reports.put(FILES.get(i), contents.get(i));
        }
        return reports;
    }
}
