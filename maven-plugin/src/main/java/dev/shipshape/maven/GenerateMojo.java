package dev.shipshape.maven;

import dev.shipshape.Shipshape;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.WriteResult;
import dev.shipshape.spec.SpecException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;

/**
 * Generates the GitOps tree (Kustomize base and overlays, Flux objects per cluster) from the
 * application specs of a directory. Every decision is {@link Shipshape}'s; this goal maps
 * parameters and logs. An invalid spec fails the build with its problems, one
 * {@code file:line:column} line each.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

    /** The directory whose {@code *.yaml} and {@code *.yml} files are the specs. */
    @Parameter(property = "shipshape.specsDirectory", defaultValue = "${project.basedir}/specs", required = true)
    private File specsDirectory;

    /** The output directory; shipshape only ever changes the files it generated there. */
    @Parameter(property = "shipshape.outputDirectory", defaultValue = "${project.basedir}/output", required = true)
    private File outputDirectory;

    /** Skips the goal. */
    @Parameter(property = "shipshape.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("shipshape: generate skipped");
            return;
        }
        WriteResult result;
        try {
            result = new Shipshape().generate(Shipshape.findSpecs(specsDirectory.toPath()), outputDirectory.toPath());
        } catch (SpecException | OutputException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("shipshape could not write " + outputDirectory + ": " + e.getMessage(), e);
        }
        result.written().forEach(file -> getLog().info("  written   " + file));
        result.deleted().forEach(file -> getLog().info("  deleted   " + file));
        result.unchanged().forEach(file -> getLog().debug("  unchanged " + file));
        getLog().info("shipshape: " + result.written().size() + " written, " + result.unchanged().size() + " unchanged, "
                + result.deleted().size() + " deleted in " + result.outputDirectory());
    }
}
