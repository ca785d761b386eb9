package dev.shipshape.policy.report;

import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyReport;

import java.util.ArrayList;
import java.util.List;

/**
 * The console report, one line per finding in the form compilers use, so IDEs and CI logs link
 * them: {@code file:line:column: severity rule-id: message (object) — remediation}. Suppressed
 * findings end with {@code [suppressed: reason]}. The last line is the summary.
 */
public final class TextReport {

    private final ReportPaths paths;

    /** @param paths how to name spec files */
    public TextReport(ReportPaths paths) {
        this.paths = paths;
    }

    /** The report's lines, the summary last. */
    public List<String> lines(PolicyReport report) {
        List<String> lines = new ArrayList<>();
        for (Finding finding : report.findings()) {
            lines.add(line(finding));
        }
        lines.add(report.summary());
        return lines;
    }

    /** One finding as a line. */
    public String line(Finding finding) {
        String where = finding.location() == null ? "<no spec>" : paths.display(finding.location());
        String line = where + ": " + finding.severity().label() + " " + finding.ruleId() + ": " + finding.message()
                + " (" + finding.subject() + ") \u2014 " + finding.remediation();
        return finding.suppressed() ? line + " [suppressed: " + finding.suppression().reason() + "]" : line;
    }

    /** The whole report as text, {@code \n}-separated with a trailing newline. */
    public String render(PolicyReport report) {
        return String.join("\n", lines(report)) + "\n";
    }
}
