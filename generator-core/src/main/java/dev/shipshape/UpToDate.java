package dev.shipshape;

import dev.shipshape.output.OutputException;
import dev.shipshape.output.OutputStamp;
import dev.shipshape.policy.PolicySettings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The incremental build of a front end (Maven plugin, CLI, Gradle task): whether a
 * {@link Shipshape#generate} run can be skipped because its inputs and its output are as the last
 * successful run left them, and the record that run leaves. It joins the inputs' fingerprint
 * ({@link InputFingerprint}) and the stamp of the output ({@link OutputStamp}, by convention
 * {@code target/shipshape/generate.stamp}); a front end only says where the stamp goes and what
 * identifies its own build:
 * <pre>{@code
 * UpToDate upToDate = UpToDate.of(stamp, specs, output, deliveryPath, settings, List.of(pluginVersion));
 * if (!upToDate.holds()) {
 *     new Shipshape(settings, deliveryPath).generate(specs, output);
 *     upToDate.record();
 * }
 * }</pre>
 * Checking reads only the spec and rule files and {@code stat}s the output; it loads none of the
 * compiler's libraries, so an up-to-date build stays cheap.
 */
public final class UpToDate {

    private final Path stampFile;
    private final Path outputDirectory;
    private final String inputs;

    private UpToDate(Path stampFile, Path outputDirectory, String inputs) {
        this.stampFile = stampFile;
        this.outputDirectory = outputDirectory;
        this.inputs = inputs;
    }

    /**
     * The incremental state of one run, its inputs fingerprinted now.
     *
     * @param stampFile       where the record of the last successful run is kept
     * @param specFiles       the spec files, in any order
     * @param outputDirectory the output directory
     * @param deliveryPath    the output directory's path in the repository, as given to {@link Shipshape#Shipshape(PolicySettings, String)}
     * @param settings        the policy settings
     * @param generator       what identifies the front end's build beyond {@link Shipshape#version()}, for
     *                        example {@code group:artifact:version size mtime} of each plugin artifact
     * @throws IOException if a spec file or a rule file cannot be read
     */
    public static UpToDate of(Path stampFile, List<Path> specFiles, Path outputDirectory, String deliveryPath,
                              PolicySettings settings, List<String> generator) throws IOException {
        return new UpToDate(stampFile, outputDirectory,
                InputFingerprint.of(specFiles, outputDirectory, deliveryPath, settings, generator));
    }

    /**
     * Whether the last successful run had these inputs and every file it generated still has the
     * bytes it wrote (a hand edit, a deleted file or a killed run makes it false). Changes nothing.
     *
     * @throws IOException if a file that exists cannot be read
     */
    public boolean holds() throws IOException {
        return OutputStamp.upToDate(stampFile, inputs, outputDirectory);
    }

    /**
     * Records that a run with these inputs has just written the output directory successfully.
     *
     * @throws OutputException if the output's index is corrupt
     * @throws IOException     if the index cannot be read or the stamp cannot be written
     */
    public void record() throws OutputException, IOException {
        OutputStamp.write(stampFile, inputs, outputDirectory);
    }

    /** The stamp file. */
    public Path stampFile() {
        return stampFile;
    }
}
