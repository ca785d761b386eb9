package dev.shipshape.maven;

import dev.shipshape.InputFingerprint;
import dev.shipshape.Shipshape;
import dev.shipshape.output.Durability;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.OutputStamp;
import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.PolicyViolationException;
import dev.shipshape.spec.SpecException;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates the GitOps tree (Kustomize base and overlays, Helm chart, Flux objects per cluster)
 * from the application specs of a directory. Every decision is {@link Shipshape}'s; this goal maps
 * parameters and logs. An invalid spec fails the build with its problems, one
 * {@code file:line:column} line each; findings at or above {@code failOn} fail it the same way,
 * and nothing is written then.
 *
 * <p>Incremental: after a successful run the goal records a fingerprint of its inputs (spec
 * files, policy settings and rule files, output directory, the plugin's artifacts) and the hash
 * of every generated file in {@code target/shipshape/generate.stamp} ({@link OutputStamp}). When
 * the next run's inputs have the same fingerprint and every generated file still has its
 * recorded bytes, it skips compiling and says so; {@code force} regenerates anyway.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class GenerateMojo extends ShipshapeMojo {

    /** Compiles and writes even when the output is up to date with the specs, settings and plugin. */
    @Parameter(property = "shipshape.force", defaultValue = "false")
    private boolean force;

    /**
     * Flushes every generated file to disk (fsync) before it is renamed into place, so that the
     * new output survives a power loss ({@link Durability#FSYNC}). Off by default: a failing or
     * killed run never leaves a half-written file either way (and its journal makes the next run
     * complete it), and the output is derived from the specs, so a power loss can at worst leave
     * empty files that {@code check} reports and the next {@code generate} rewrites
     * ({@link Durability#ATOMIC}).
     */
    @Parameter(property = "shipshape.fsync", defaultValue = "false")
    private boolean fsync;

    /** Where the record of the last successful run is kept. */
    @Parameter(defaultValue = "${project.build.directory}/shipshape/generate.stamp", readonly = true, required = true)
    private File stampFile;

    /** This plugin, whose artifacts are part of the inputs' fingerprint. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("shipshape: generate skipped");
            return;
        }
        long start = System.nanoTime();
        WriteResult result;
        try {
            List<Path> specs = Shipshape.findSpecs(specsDirectory.toPath());
            String inputs = InputFingerprint.of(specs, outputDirectory.toPath(), settings(), generator());
            if (!force && OutputStamp.upToDate(stampFile.toPath(), inputs, outputDirectory.toPath())) {
                getLog().info("shipshape: " + outputDirectory + " is up to date with the specs, settings and plugin; "
                        + "nothing to generate (-Dshipshape.force=true generates anyway)");
                getLog().debug("shipshape: up-to-date check took " + (System.nanoTime() - start) / 1_000_000 + " ms");
                return;
            }
            getLog().debug("shipshape: inputs checked in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            result = shipshape().generate(specs, outputDirectory.toPath(), fsync ? Durability.FSYNC : Durability.ATOMIC);
            OutputStamp.write(stampFile.toPath(), inputs, outputDirectory.toPath());
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
        getLog().debug("shipshape: generate took " + (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    /** Each artifact of this plugin (itself and its dependencies) as {@code id size mtime}: a rebuilt snapshot changes it. */
    private List<String> generator() {
        Set<Artifact> artifacts = new LinkedHashSet<>();
        if (plugin.getPluginArtifact() != null) {
            artifacts.add(plugin.getPluginArtifact());
        }
        artifacts.addAll(plugin.getArtifacts());
        List<String> parts = new ArrayList<>();
        for (Artifact artifact : artifacts) {
            File file = artifact.getFile();
            parts.add(artifact.getId() + (file == null ? "" : " " + file.length() + " " + file.lastModified()));
        }
        return parts;
    }
}
