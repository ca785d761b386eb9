package dev.shipshape.maven;

import dev.shipshape.Shipshape;
import dev.shipshape.policy.PolicyException;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.policy.Severity;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The parameters every shipshape goal shares — where the specs and the output are, and how the
 * policy gate is configured — and their mapping onto {@link Shipshape}. Goals add only what
 * they do with it.
 */
abstract class ShipshapeMojo extends AbstractMojo {

    /** The directory whose {@code *.yaml} and {@code *.yml} files are the specs. */
    @Parameter(property = "shipshape.specsDirectory", defaultValue = "${project.basedir}/specs", required = true)
    protected File specsDirectory;

    /** The output directory; shipshape only ever changes the files it generated there. */
    @Parameter(property = "shipshape.outputDirectory", defaultValue = "${project.basedir}/output", required = true)
    protected File outputDirectory;

    /** The lowest severity of an unsuppressed finding that fails: {@code error}, {@code warning} or {@code info}. */
    @Parameter(property = "shipshape.failOn", defaultValue = "error")
    private String failOn;

    /** Directories of your own rule files ({@code <id>.yaml}, the format of shipshape's {@code policies/rules/}). */
    @Parameter
    private List<File> ruleDirectories = List.of();

    /** Severity overrides by rule id, for example {@code <image-digest>error</image-digest>}. */
    @Parameter
    private Map<String, String> severities = Map.of();

    /** Rule ids to turn off. */
    @Parameter(property = "shipshape.disabledRules")
    private List<String> disabledRules = List.of();

    /** Rule ids to turn on that are off by default, for example {@code cpu-limit}. */
    @Parameter(property = "shipshape.enabledRules")
    private List<String> enabledRules = List.of();

    /** Skips the goal. */
    @Parameter(property = "shipshape.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * The pipeline these parameters configure.
     *
     * @throws MojoFailureException for an unknown severity, an invalid rule file or a parameter naming an unknown rule
     */
    protected Shipshape shipshape() throws MojoFailureException {
        PolicySettings settings = settings();
        try {
            return new Shipshape(settings);
        } catch (PolicyException | IllegalArgumentException e) {
            throw new MojoFailureException("shipshape: " + e.getMessage());
        }
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
}
