package dev.shipshape.maven;

import dev.shipshape.AppSummary;
import dev.shipshape.GenerateResult;
import dev.shipshape.Shipshape;
import dev.shipshape.UpToDate;
import dev.shipshape.output.Durability;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.PolicyViolationException;
import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.spec.SpecException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Generates the GitOps tree (Kustomize base and overlays, Helm chart, Flux objects per cluster)
 * from the application specs. An invalid spec fails the build with its problems, one
 * file:line:column line each; policy findings at or above failOn fail it the same way, and nothing
 * is written then. A successful run logs one line per application: files written, unchanged and
 * deleted, and findings by severity.
 *
 * <p>Incremental: when the specs, settings, rule files and plugin are those of the last successful
 * run and every generated file is still as it was written (target/shipshape/generate.stamp), the
 * goal skips compiling. In CI (the environment variable CI is true) it writes nothing by default,
 * so that the check goal compares the committed output with the specs instead of a fresh one.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends ShipshapeMojo {

    /** Compiles and writes even when the output is up to date with the specs, settings and plugin. */
    @Parameter(property = "shipshape.force", defaultValue = "false")
    private boolean force;

    /**
     * Skips this goal. When not set, the goal is skipped in CI, where the environment variable CI is
     * true (GitHub Actions, GitLab CI, CircleCI, Bitbucket Pipelines and others set it): there the
     * build must check the committed output, not regenerate it. Set it to false to write in CI.
     */
    @Parameter(property = "shipshape.generate.skip")
    private Boolean skipGenerate;

    /**
     * Flushes every generated file to disk (fsync) before it is renamed into place, so that the
     * new output survives a power loss. Off by default: a failing or killed run never leaves a
     * half-written file either way (its journal makes the next run complete it), and the output is
     * derived from the specs, so a power loss can at worst leave empty files that the check goal
     * reports and the next generate run rewrites.
     */
    @Parameter(property = "shipshape.fsync", defaultValue = "false")
    private boolean fsync;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || Boolean.TRUE.equals(skipGenerate)) {
            getLog().info("shipshape: generate skipped");
            return;
        }
        if (skipGenerate == null && "true".equalsIgnoreCase(System.getenv("CI"))) {
            getLog().info("shipshape: generate writes nothing in CI (CI=true), so that check compares the committed "
                    + outputDirectory + " with the specs; -Dshipshape.generate.skip=false writes anyway");
            return;
        }
        long start = System.nanoTime();
        GenerateResult result;
        try {
            List<Path> specs = Shipshape.findSpecs(specsDirectory.toPath());
            UpToDate upToDate = upToDate(specs);
            if (!force && upToDate.holds()) {
                getLog().info("shipshape: " + outputDirectory + " is up to date with the specs, settings and plugin; "
                        + "nothing to generate (-Dshipshape.force=true generates anyway)");
                getLog().debug("shipshape: up-to-date check took " + millis(start) + " ms");
                return;
            }
            getLog().debug("shipshape: inputs checked in " + millis(start) + " ms");
            result = shipshape().generateSummarized(specs, outputDirectory.toPath(), fsync ? Durability.FSYNC : Durability.ATOMIC);
            upToDate.record(result, new ReportPaths(basedir.toPath()));
        } catch (SpecException | PolicyViolationException | OutputException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("shipshape could not write " + outputDirectory + ": " + e.getMessage(), e);
        }
        WriteResult write = result.write();
        write.written().forEach(file -> getLog().info("  written   " + file));
        write.deleted().forEach(file -> getLog().info("  deleted   " + file));
        write.unchanged().forEach(file -> getLog().debug("  unchanged " + file));
        for (AppSummary application : result.applications()) {
            getLog().info("shipshape: " + application.line());
        }
        getLog().info("shipshape: " + write.written().size() + " written, " + write.unchanged().size() + " unchanged, "
                + write.deleted().size() + " deleted in " + write.outputDirectory() + " (" + millis(start) + " ms)");
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
