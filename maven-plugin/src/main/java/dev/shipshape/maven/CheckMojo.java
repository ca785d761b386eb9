package dev.shipshape.maven;

import dev.shipshape.CheckResult;
import dev.shipshape.Shipshape;
import dev.shipshape.output.OutputException;
import dev.shipshape.policy.Severity;
import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.policy.report.ReportWriter;
import dev.shipshape.spec.SpecException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;

/**
 * The CI gate: the specs are valid, no unsuppressed policy finding is at or above failOn, and the
 * committed output directory is exactly what the specs compile to (a hand edit of a generated
 * file is named). Logs one line per problem, finding and drifted file, writes the text, JSON,
 * SARIF and JUnit reports, and fails the build with the summary line of counts. Writes nothing in
 * the output directory.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends ShipshapeMojo {

    /** Where the reports go: policy.txt, policy.json, policy.sarif (SARIF 2.1.0) and TEST-shipshape-policy.xml (JUnit). */
    @Parameter(property = "shipshape.reportsDirectory", defaultValue = "${project.build.directory}/shipshape", required = true)
    private File reportsDirectory;

    /** Skips this goal (shipshape.skip skips every shipshape goal). */
    @Parameter(property = "shipshape.check.skip", defaultValue = "false")
    private boolean skipCheck;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipCheck) {
            getLog().info("shipshape: check skipped");
            return;
        }
        ReportPaths paths = new ReportPaths(basedir.toPath());
        CheckResult result;
        try {
            result = shipshape().check(Shipshape.findSpecs(specsDirectory.toPath()), outputDirectory.toPath());
            new ReportWriter(paths, settings().failOn(), Shipshape.version()).write(result.report(paths), reportsDirectory.toPath());
        } catch (SpecException | OutputException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("shipshape could not check " + outputDirectory + " or write the reports in "
                    + reportsDirectory + ": " + e.getMessage(), e);
        }
        for (CheckResult.Line line : result.lines(paths)) {
            if (line.severity() == Severity.ERROR) {
                getLog().error(line.text());
            } else if (line.severity() == Severity.WARNING) {
                getLog().warn(line.text());
            } else {
                getLog().info(line.text());
            }
        }
        getLog().info("shipshape: reports in " + reportsDirectory);
        if (!result.passed()) {
            throw new MojoFailureException(result.summary());
        }
    }
}
