package dev.shipshape.policy;

import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.policy.report.TextReport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when unsuppressed findings are at or above the fail severity, so nothing is generated.
 * Its message is ready to print without a stack trace: one line per failing finding,
 * {@code file:line:column: severity rule-id: message (object) — remediation} (files relative to
 * the working directory), then the summary line of counts.
 */
public final class PolicyViolationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient PolicyReport report;
    private final Severity failOn;

    /**
     * @param report the whole report (passing and suppressed findings are counted in the summary)
     * @param failOn the severity that fails
     */
    public PolicyViolationException(PolicyReport report, Severity failOn) {
        super(message(report, failOn));
        this.report = report;
        this.failOn = failOn;
    }

    /** The report that failed. */
    public PolicyReport report() {
        return report;
    }

    /** The severity at or above which a finding fails. */
    public Severity failOn() {
        return failOn;
    }

    private static String message(PolicyReport report, Severity failOn) {
        TextReport text = new TextReport(new ReportPaths(Path.of("").toAbsolutePath()));
        List<String> lines = new ArrayList<>();
        report.findings().stream().filter(f -> !f.suppressed() && f.severity().atLeast(failOn)).map(text::line).forEach(lines::add);
        lines.add(report.summary() + " (fails on " + failOn.label() + "; nothing was written)");
        return String.join(System.lineSeparator(), lines);
    }
}
