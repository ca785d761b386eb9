package dev.shipshape.policy.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.Rule;

import java.util.List;

/**
 * The report in SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/), the format
 * GitHub code scanning and other CI tools display: every enabled rule in {@code tool.driver.rules}
 * (help, helpUri, default level), one result per finding with the spec location
 * ({@code physicalLocation}, relative to the project directory) and the Kubernetes object
 * ({@code logicalLocations}); suppressed findings carry {@code suppressions} with the exemption's reason.
 */
public final class SarifReport {

    /** Where tools fetch the SARIF 2.1.0 schema. */
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private final ReportPaths paths;
    private final String toolVersion;

    /**
     * @param paths       how to name spec files
     * @param toolVersion shipshape's version, for {@code tool.driver.version}
     */
    public SarifReport(ReportPaths paths, String toolVersion) {
        this.paths = paths;
        this.toolVersion = toolVersion;
    }

    /** The report as SARIF JSON text. */
    public String render(PolicyReport report) {
        ObjectNode root = JsonText.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "shipshape");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/shipshape-dev/shipshape");
        ArrayNode rules = driver.putArray("rules");
        List<Rule> ruleList = report.rules();
        for (Rule rule : ruleList) {
            ObjectNode node = rules.addObject();
            node.put("id", rule.id());
            node.putObject("shortDescription").put("text", rule.title());
            node.putObject("fullDescription").put("text", rule.rationale());
            node.putObject("help").put("text", rule.remediation());
            node.put("helpUri", rule.documentation());
            node.putObject("defaultConfiguration").put("level", rule.severity().sarifLevel());
            ArrayNode tags = node.putObject("properties").putArray("tags");
            rule.sources().forEach(tags::add);
        }
        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", finding.ruleId());
            int index = indexOf(ruleList, finding.ruleId());
            if (index >= 0) {
                result.put("ruleIndex", index);
            }
            result.put("level", finding.severity().sarifLevel());
            result.putObject("message").put("text", finding.message() + " (" + finding.subject() + "). " + finding.remediation());
            ObjectNode location = result.putArray("locations").addObject();
            if (finding.location() != null) {
                ObjectNode physical = location.putObject("physicalLocation");
                physical.putObject("artifactLocation").put("uri", paths.uri(finding.location()));
                if (finding.location().line() > 0) {
                    ObjectNode region = physical.putObject("region");
                    region.put("startLine", finding.location().line());
                    region.put("startColumn", Math.max(1, finding.location().column()));
                }
            }
            var logicalLocations = location.putArray("logicalLocations");
            for (String environment : finding.environments().isEmpty() ? java.util.Collections.singletonList((String) null) : finding.environments()) {
                ObjectNode logical = logicalLocations.addObject();
                logical.put("name", logicalName(finding));
                logical.put("fullyQualifiedName", (environment == null ? "" : environment + "/") + logicalName(finding)
                        + (finding.container() == null ? "" : "/" + finding.container()));
                logical.put("kind", finding.object() != null ? "resource" : "module");
            }
            if (finding.suppressed()) {
                ObjectNode suppression = result.putArray("suppressions").addObject();
                suppression.put("kind", finding.suppression().sarifKind());
                suppression.put("state", "accepted");
                suppression.put("justification", finding.suppression().reason());
            }
        }
        return JsonText.write(root);
    }

    private static String logicalName(Finding finding) {
        if (finding.object() != null) {
            return finding.object().toString();
        }
        return finding.component() != null ? "component/" + finding.component() : "application";
    }

    private static int indexOf(List<Rule> rules, String id) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }
}
