package dev.shipshape.maven;

import dev.shipshape.CheckResult;
import dev.shipshape.RecordedCheck;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The CI gate: the specs are valid, no unsuppressed policy finding is at or above failOn, and the
 * committed output directory is exactly what the specs compile to (a hand edit of a generated
 * file is named). Logs one line per problem, finding and drifted file, writes the text, JSON,
 * SARIF and JUnit reports, and fails the build with the summary line of counts. Writes nothing in
 * the output directory.
 *
 * <p>When the generate goal of the same build (or an earlier one) compiled these specs with these
 * settings and plugin, and every file it generated still has the bytes it wrote
 * (target/shipshape/generate.stamp), that run's verdict stands and the check does not compile
 * again; any change to an input or to a generated file makes it compile and compare.
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
        long start = System.nanoTime();
        ReportPaths paths = new ReportPaths(basedir.toPath());
        List<CheckResult.Line> lines;
        boolean passed;
        String summary;
        try {
            List<Path> specs = Shipshape.findSpecs(specsDirectory.toPath());
            Optional<RecordedCheck> recorded = upToDate(specs).recordedCheck();
            if (recorded.isPresent()) {
                getLog().info("shipshape: " + outputDirectory + " is as generate left it, with the same specs, settings and plugin; "
                        + "its verdict stands, nothing to compile");
                recorded.get().writeReports(reportsDirectory.toPath());
                lines = recorded.get().lines();
                passed = true;
                summary = recorded.get().summary();
            } else {
                CheckResult result = shipshape().check(specs, outputDirectory.toPath());
                new ReportWriter(paths, settings().failOn(), Shipshape.version()).write(result.report(paths), reportsDirectory.toPath());
                lines = result.lines(paths);
                passed = result.passed();
                summary = result.summary();
            }
        } catch (SpecException | OutputException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("shipshape could not check " + outputDirectory + " or write the reports in "
                    + reportsDirectory + ": " + e.getMessage(), e);
        }
        for (CheckResult.Line line : lines) {
            if (line.severity() == Severity.ERROR) {
                getLog().error(line.text());
            } else if (line.severity() == Severity.WARNING) {
                getLog().warn(line.text());
            } else {
                getLog().info(line.text());
            }
        }
        getLog().info("shipshape: reports in " + reportsDirectory + " (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
        if (!passed) {
            throw new MojoFailureException(summary);
        }
    }
}
