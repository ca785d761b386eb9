package dev.shipshape.policy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.Severity;

import java.util.Locale;

/**
 * The machine-readable report: {@code summary} (counts by severity, suppressed) and
 * {@code findings} with every field of a {@link Finding}; absent fields are left out.
 */
public final class JsonReport {

    private final ReportPaths paths;

    /** @param paths how to name spec files */
    public JsonReport(ReportPaths paths) {
        this.paths = paths;
    }

    /** The report as JSON text. */
    public String render(PolicyReport report) {
        ObjectNode root = JsonText.object();
        ObjectNode summary = root.putObject("summary");
        for (Severity severity : Severity.values()) {
            summary.put(severity.label(), report.count(severity));
        }
        summary.put("suppressed", report.suppressedCount());
        ArrayNode findings = root.putArray("findings");
        for (Finding finding : report.findings()) {
            ObjectNode node = findings.addObject();
            node.put("rule", finding.ruleId());
            node.put("severity", finding.severity().label());
            node.put("message", finding.message());
            node.put("remediation", finding.remediation());
            node.put("documentation", finding.documentation());
            if (finding.location() != null) {
                ObjectNode location = node.putObject("location");
                location.put("file", paths.uri(finding.location()));
                location.put("line", finding.location().line());
                location.put("column", finding.location().column());
            }
            if (!finding.environments().isEmpty()) {
                finding.environments().forEach(node.putArray("environments")::add);
            }
            if (finding.object() != null) {
                ObjectNode object = node.putObject("object");
                object.put("apiVersion", finding.object().apiVersion());
                object.put("kind", finding.object().kind());
                object.put("namespace", finding.object().namespace());
                object.put("name", finding.object().name());
            }
            if (finding.component() != null) {
                node.put("component", finding.component());
            }
            if (finding.container() != null) {
                node.put("container", finding.container());
            }
            node.put("suppressed", finding.suppressed());
            if (finding.suppressed()) {
                node.put("justification", finding.suppression().reason());
                node.put("suppressedBy", finding.suppression().source().name().toLowerCase(Locale.ROOT));
            }
        }
        return JsonText.write(root);
    }
}
