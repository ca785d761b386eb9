package dev.shipshape;

import dev.shipshape.output.Durability;
import dev.shipshape.policy.PolicySettings;
import dev.shipshape.policy.RepositoryRoot;
import dev.shipshape.policy.report.ReportPaths;
import dev.shipshape.policy.report.ReportWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The incremental build a front end gets from the core: generate's stamp, and the check verdict it
 * records, which a check repeats only while the inputs and every generated file are unchanged.
 */
class UpToDateTest {

    private static final List<String> PLUGIN = List.of("dev.shipshape:shipshape-maven-plugin:1.0 123 456");
    private static Shipshape shipshape;

    @TempDir
    Path project;
    private Path output;
    private Path stamp;
    private List<Path> specs;
    private ReportPaths paths;

    @BeforeAll
    static void pipeline() {
        shipshape = new Shipshape(PolicySettings.DEFAULTS, "output");
    }

    @BeforeEach
    void aGeneratedProject() throws Exception {
        Path spec = Files.createDirectories(project.resolve("specs")).resolve("acme.yaml");
        Files.copy(RepositoryRoot.path().resolve("specs/acme.yaml"), spec);
        specs = List.of(spec);
        output = project.resolve("output");
        stamp = project.resolve("target/shipshape/generate.stamp");
        paths = new ReportPaths(project);
        UpToDate upToDate = upToDate(PolicySettings.DEFAULTS);
        assertFalse(upToDate.holds(), "nothing generated yet");
        assertTrue(upToDate.recordedCheck().isEmpty());
        upToDate.record(shipshape.generateSummarized(specs, output, Durability.ATOMIC), paths);
    }

    private UpToDate upToDate(PolicySettings settings) throws Exception {
        return UpToDate.of(stamp, specs, output, "output", settings, PLUGIN);
    }

    @Test
    void theRecordedVerdictIsTheOneACheckComputes() throws Exception {
        UpToDate upToDate = upToDate(PolicySettings.DEFAULTS);
        assertTrue(upToDate.holds());
        RecordedCheck recorded = upToDate.recordedCheck().orElseThrow();

        CheckResult computed = shipshape.check(specs, output);
        assertTrue(computed.passed(), computed.summary());
        assertEquals(computed.lines(paths), recorded.lines());
        assertEquals(computed.summary(), recorded.summary());
        SortedMap<String, String> reports = new ReportWriter(paths, PolicySettings.DEFAULTS.failOn(), Shipshape.version())
                .render(computed.report(paths));
        assertEquals(reports, recorded.reports());

        Path written = project.resolve("target/reports");
        recorded.writeReports(written);
        SortedMap<String, String> files = new TreeMap<>();
        for (String name : ReportWriter.FILES) {
            files.put(name, Files.readString(written.resolve(name)));
        }
        assertEquals(reports, files);
    }

    @Test
    void aHandEditOfAGeneratedFileVoidsTheRecord() throws Exception {
        Path deployment = output.resolve("acme/kustomize/base/deployment-api.yaml");
        Files.writeString(deployment, Files.readString(deployment).replace("maxUnavailable: 0", "maxUnavailable: 9"));

        assertTrue(upToDate(PolicySettings.DEFAULTS).recordedCheck().isEmpty());
        CheckResult computed = shipshape.check(specs, output);
        assertFalse(computed.passed());
        assertEquals("acme/kustomize/base/deployment-api.yaml", computed.drift().get(0).path());
    }

    @Test
    void otherInputsVoidTheRecord() throws Exception {
        assertTrue(upToDate(PolicySettings.DEFAULTS.withDisabledRule("image-digest")).recordedCheck().isEmpty(), "other settings");
        Files.writeString(specs.get(0), Files.readString(specs.get(0)) + "\n");
        assertTrue(upToDate(PolicySettings.DEFAULTS).recordedCheck().isEmpty(), "a spec edited");
    }

    @Test
    void aMissingOrDamagedRecordIsNoVerdict() throws Exception {
        Path record = stamp.resolveSibling(UpToDate.CHECK_RECORD);
        Files.writeString(record, "{\"inputs\": \"sha256:");
        assertTrue(upToDate(PolicySettings.DEFAULTS).holds(), "the stamp alone still holds");
        assertTrue(upToDate(PolicySettings.DEFAULTS).recordedCheck().isEmpty());
        Files.writeString(record, "{\"inputs\": \"sha256:other\", \"lines\": [], \"reports\": {}}");
        assertTrue(upToDate(PolicySettings.DEFAULTS).recordedCheck().isEmpty());
        Files.delete(record);
        assertTrue(upToDate(PolicySettings.DEFAULTS).recordedCheck().isEmpty());
    }
}
