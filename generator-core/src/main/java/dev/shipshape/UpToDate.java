package dev.shipshape;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.OutputStamp;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.policy.Severity;
import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.policy.report.ReportWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

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
 *     upToDate.record(new Shipshape(settings, deliveryPath).generateSummarized(specs, output, Durability.ATOMIC), paths);
 * }
 * }</pre>
 * Beside the stamp, the record holds the CI gate's verdict on the output just written
 * ({@link RecordedCheck}, {@code check.json} next to the stamp), so that a check over the same
 * inputs whose output files all still have their recorded bytes repeats it instead of compiling
 * again: a hand edit of a generated file changes its bytes and makes the check compile and find it.
 *
 * <p>Checking reads only the spec and rule files, {@code stat}s the output (hashing only files whose
 * size or time changed) and loads none of the compiler's libraries, so an up-to-date build stays cheap.
 */
public final class UpToDate {

    /** The gate record's name, next to the stamp. */
    static final String CHECK_RECORD = "check.json";

    private final Path stampFile;
    private final Path outputDirectory;
    private final Severity failOn;
    private final String inputs;

    private UpToDate(Path stampFile, Path outputDirectory, Severity failOn, String inputs) {
        this.stampFile = stampFile;
        this.outputDirectory = outputDirectory;
        this.failOn = failOn;
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
        return new UpToDate(stampFile, outputDirectory, settings.failOn(),
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
     * Records that a run with these inputs has just written the output directory successfully:
     * the stamp, then the gate's verdict on that output (no spec problem, the run's findings, no drift).
     *
     * @param result the run's result
     * @param paths  how reports name files, as the check goal names them
     * @throws OutputException if the output's index is corrupt
     * @throws IOException     if the index cannot be read or the record cannot be written
     */
    public void record(GenerateResult result, ReportPaths paths) throws OutputException, IOException {
        OutputStamp.write(stampFile, inputs, outputDirectory);
        CheckResult verdict = new CheckResult(List.of(), result.policy(), List.of(), outputDirectory, failOn);
        RecordedCheck check = new RecordedCheck(inputs, verdict.lines(paths),
                new ReportWriter(paths, failOn, Shipshape.version()).render(verdict.report(paths)));
        Path file = checkRecord();
        Path temporary = Files.createTempFile(file.getParent(), CHECK_RECORD, ".tmp");
        try {
            new ObjectMapper().writeValue(temporary.toFile(), check);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * The gate's verdict a generate run recorded, when it still holds: that run had these inputs
     * and every file it generated still has its recorded bytes ({@link #holds()}).
     *
     * @return the verdict, or empty when the check must compile (no record, other inputs, a changed
     *         output file, a damaged record)
     * @throws IOException if a file that exists cannot be read
     */
    public Optional<RecordedCheck> recordedCheck() throws IOException {
        Path file = checkRecord();
        if (!Files.isRegularFile(file) || !holds()) {
            return Optional.empty();
        }
        RecordedCheck check;
        try {
            check = new ObjectMapper().readValue(file.toFile(), RecordedCheck.class);
        } catch (JacksonException damaged) {
            return Optional.empty();
        }
        return inputs.equals(check.inputs()) && !check.lines().isEmpty() ? Optional.of(check) : Optional.empty();
    }

    private Path checkRecord() {
        return stampFile.toAbsolutePath().resolveSibling(CHECK_RECORD);
    }
}
