package dev.shipshape.maven;

import dev.shipshape.Shipshape;
import dev.shipshape.UpToDate;
import dev.shipshape.output.RepositoryPath;
import dev.shipshape.policy.PolicyException;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.policy.Severity;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters every shipshape goal shares — where the specs and the output are, and how the
 * policy gate is configured — and their mapping onto {@link Shipshape}. Goals add only what
 * they do with it.
 */
abstract class ShipshapeMojo extends AbstractMojo {

    /** The directory whose *.yaml and *.yml files are the specs (not its subdirectories). */
    @Parameter(property = "shipshape.specsDirectory", defaultValue = "${project.basedir}/specs", required = true)
    protected File specsDirectory;

    /**
     * The directory the GitOps tree is generated into and checked in. shipshape only ever changes
     * the files it generated there. Flux paths in the output name this directory's place in the Git
     * repository, unless a spec sets spec.delivery.path.
     */
    @Parameter(property = "shipshape.outputDirectory", defaultValue = "${project.basedir}/output", required = true)
    protected File outputDirectory;

    /** The lowest severity of an unsuppressed policy finding that fails the build: error, warning or info. */
    @Parameter(property = "shipshape.failOn", defaultValue = "error")
    private String failOn;

    /** Directories of your own rule files, one &lt;id&gt;.yaml per rule, in the format of shipshape's policies/rules/. */
    @Parameter
    private List<File> ruleDirectories = List.of();

    /** Severity overrides by rule id, for example &lt;image-digest&gt;error&lt;/image-digest&gt;. */
    @Parameter
    private Map<String, String> severities = Map.of();

    /** Rule ids to turn off, comma-separated on the command line. */
    @Parameter(property = "shipshape.disabledRules")
    private List<String> disabledRules = List.of();

    /** Rule ids to turn on that are off by default, for example cpu-limit. */
    @Parameter(property = "shipshape.enabledRules")
    private List<String> enabledRules = List.of();

    /** Skips every shipshape goal; shipshape.generate.skip and shipshape.check.skip skip one. */
    @Parameter(property = "shipshape.skip", defaultValue = "false")
    protected boolean skip;

    /** The project directory: file names in logs and reports are relative to it. */
    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    /** Where the record of the last successful generate run is kept. */
    @Parameter(defaultValue = "${project.build.directory}/shipshape/generate.stamp", readonly = true, required = true)
    protected File stampFile;

    /** This plugin, whose artifacts are part of the inputs' fingerprint. */
    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    /**
     * The pipeline these parameters configure.
     *
     * @throws MojoFailureException for an unknown severity, an invalid rule file or a parameter naming an unknown rule
     */
    protected Shipshape shipshape() throws MojoFailureException {
        PolicySettings settings = settings();
        try {
            return new Shipshape(settings, deliveryPath());
        } catch (PolicyException | IllegalArgumentException e) {
            throw new MojoFailureException("shipshape: " + e.getMessage());
        }
    }

    /** The output directory's path in its Git repository (or the project), or {@code null} when it is outside both. */
    protected String deliveryPath() {
        return RepositoryPath.of(outputDirectory.toPath(), basedir.toPath()).orElse(null);
    }

    /**
     * The incremental state of a run over these specs and parameters.
     *
     * @throws MojoFailureException for an unknown severity
     * @throws IOException          if a spec or rule file cannot be read
     */
    protected UpToDate upToDate(List<Path> specs) throws MojoFailureException, IOException {
        return UpToDate.of(stampFile.toPath(), specs, outputDirectory.toPath(), deliveryPath(), settings(), generator());
    }

    /**
     * The policy settings of the parameters; the severity that fails is {@link PolicySettings#failOn()}.
     *
     * @throws MojoFailureException for an unknown severity
     */
    protected PolicySettings settings() throws MojoFailureException {
        try {
            SortedMap<String, Severity> overrides = new TreeMap<>();
            severities.forEach((rule, severity) -> overrides.put(rule, Severity.parse(severity)));
            return new PolicySettings(ruleDirectories.stream().map(File::toPath).toList(), overrides,
                    new TreeSet<>(disabledRules), new TreeSet<>(enabledRules), new TreeMap<>(), Severity.parse(failOn));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("shipshape: " + e.getMessage());
        }
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
