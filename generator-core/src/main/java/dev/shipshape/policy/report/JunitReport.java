package dev.shipshape.policy.report;

import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.Rule;
import dev.shipshape.policy.Severity;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * The report as JUnit XML (the format CI test tabs read, as written by Maven Surefire): one
 * {@code testsuite} per rule, one {@code testcase} per finding (a rule without findings has one
 * passing testcase), a {@code failure} for findings at or above the fail level, {@code skipped}
 * for suppressed findings; findings below the fail level pass and keep their message in
 * {@code system-out}.
 */
public final class JunitReport {

    private final ReportPaths paths;
    private final Severity failOn;

    /**
     * @param paths  how to name spec files
     * @param failOn the lowest severity that fails the build
     */
    public JunitReport(ReportPaths paths, Severity failOn) {
        this.paths = paths;
        this.failOn = failOn;
    }

    /** The report as JUnit XML text. */
    public String render(PolicyReport report) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "shipshape policy");
            xml.writeAttribute("tests", String.valueOf(report.rules().stream().mapToLong(r -> Math.max(1, findings(report, r).size())).sum()));
            xml.writeAttribute("failures", String.valueOf(report.findings().stream().filter(this::fails).count()));
            xml.writeAttribute("skipped", String.valueOf(report.suppressedCount()));
            for (Rule rule : report.rules()) {
                writeSuite(xml, rule, findings(report, rule));
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.writeCharacters("\n");
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report", e);
        }
        return text.toString();
    }

    private void writeSuite(XMLStreamWriter xml, Rule rule, List<Finding> findings) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", rule.id());
        xml.writeAttribute("tests", String.valueOf(Math.max(1, findings.size())));
        xml.writeAttribute("failures", String.valueOf(findings.stream().filter(this::fails).count()));
        xml.writeAttribute("skipped", String.valueOf(findings.stream().filter(Finding::suppressed).count()));
        xml.writeAttribute("errors", "0");
        if (findings.isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeEmptyElement("testcase");
            xml.writeAttribute("classname", rule.id());
            xml.writeAttribute("name", "no findings");
        }
        for (Finding finding : findings) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", rule.id());
            xml.writeAttribute("name", finding.subject());
            String where = finding.location() == null ? "" : paths.display(finding.location()) + ": ";
            if (finding.suppressed()) {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", "suppressed: " + finding.suppression().reason());
            } else if (fails(finding)) {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", finding.message());
                xml.writeAttribute("type", finding.severity().label());
                xml.writeCharacters(where + finding.message() + "\n" + finding.remediation() + "\n" + finding.documentation());
                xml.writeEndElement();
            } else {
                xml.writeStartElement("system-out");
                xml.writeCharacters(where + finding.severity().label() + ": " + finding.message());
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private boolean fails(Finding finding) {
        return !finding.suppressed() && finding.severity().atLeast(failOn);
    }

    private static List<Finding> findings(PolicyReport report, Rule rule) {
        return report.findings().stream().filter(f -> f.ruleId().equals(rule.id())).toList();
    }
}
