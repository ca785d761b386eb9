package dev.shipshape;

import dev.shipshape.policy.report.ReportWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The CI gate's verdict on an output directory as a successful {@link Shipshape#generate} run
 * left it, recorded by {@link UpToDate#record(GenerateResult, dev.shipshape.policy.report.ReportPaths)}
 * so that a check over the same inputs and the untouched output can repeat it without compiling
 * ({@link UpToDate#recordedCheck()}). It is always a passing verdict: generate writes nothing when
 * a spec is invalid or a finding fails, and the output it wrote has no drift.
 *
 * @param inputs  the fingerprint of the inputs it was recorded for
 * @param lines   the console lines of {@link CheckResult#lines}, summary last
 * @param reports the report files of {@link ReportWriter}, contents by file name
 */
public record RecordedCheck(String inputs, List<CheckResult.Line> lines, SortedMap<String, String> reports) {

    public RecordedCheck {
        lines = List.copyOf(lines);
        reports = new TreeMap<>(reports);
    }

    /** The summary line of counts, {@code shipshape check: 0 errors, 3 warnings, ...}. */
    public String summary() {
        return lines.get(lines.size() - 1).text();
    }

    /**
     * Writes the recorded reports, creating the directory.
     *
     * @return the files written
     * @throws IOException when the directory or a file cannot be written
     */
    public List<Path> writeReports(Path directory) throws IOException {
        return ReportWriter.write(reports, directory);
    }
}
