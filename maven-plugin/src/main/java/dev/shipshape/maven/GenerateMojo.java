package dev.shipshape.maven;

import dev.shipshape.Shipshape;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.PolicyViolationException;
import dev.shipshape.spec.SpecException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

import java.io.IOException;

/**
 * Generates the GitOps tree (Kustomize base and overlays, Flux objects per cluster) from the
 * application specs of a directory. Every decision is {@link Shipshape}'s; this goal maps
 * parameters and logs. An invalid spec fails the build with its problems, one
 * {@code file:line:column} line each; findings at or above {@code failOn} fail it the same way,
 * and nothing is written then.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends ShipshapeMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("shipshape: generate skipped");
            return;
        }
        WriteResult result;
        try {
            result = shipshape().generate(Shipshape.findSpecs(specsDirectory.toPath()), outputDirectory.toPath());
        } catch (SpecException | PolicyViolationException | OutputException e) {
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
