package dev.shipshape;

import dev.shipshape.output.WriteResult;
import dev.shipshape.policy.Finding;
import dev.shipshape.policy.PolicyReport;
import dev.shipshape.policy.Severity;
import dev.shipshape.spec.ApplicationSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a successful {@link Shipshape#generateSummarized} run did for one application: the
 * output files it wrote, left unchanged and deleted, and the policy findings on it by severity.
 * A file belongs to the application whose folder holds it ({@code <app>/...}) or whose Flux entry
 * point it is ({@code clusters/<cluster>/<app>.yaml}, {@code clusters/<cluster>/<app>/...});
 * files every application shares (the index, a cluster's {@code kustomization.yaml}) count for none.
 *
 * @param application the application ({@code metadata.name})
 * @param written     files created or changed
 * @param unchanged   files already as generated
 * @param deleted     files no longer generated, removed
 * @param errors      unsuppressed error findings
 * @param warnings    unsuppressed warning findings
 * @param info        unsuppressed info findings
 * @param suppressed  findings an exemption suppresses
 */
public record AppSummary(String application, int written, int unchanged, int deleted, long errors, long warnings, long info,
                         long suppressed) {

    /**
     * One summary per application, sorted by name.
     *
     * @param specs  the compiled specs
     * @param write  what the write did
     * @param policy the findings on every application
     */
    public static List<AppSummary> of(Collection<ApplicationSpec> specs, WriteResult write, PolicyReport policy) {
        Set<String> names = new TreeSet<>();
        specs.forEach(spec -> names.add(spec.name()));
        List<AppSummary> summaries = new ArrayList<>();
        for (String name : names) {
            Set<Path> files = new TreeSet<>();
            specs.stream().filter(spec -> spec.name().equals(name)).forEach(spec -> files.add(spec.file().toAbsolutePath().normalize()));
            List<Finding> findings = policy.findings().stream()
                    .filter(f -> f.location() != null && files.contains(f.location().file().toAbsolutePath().normalize()))
                    .toList();
            summaries.add(new AppSummary(name, count(write.written(), name, names), count(write.unchanged(), name, names),
                    count(write.deleted(), name, names), count(findings, Severity.ERROR), count(findings, Severity.WARNING),
                    count(findings, Severity.INFO), findings.stream().filter(Finding::suppressed).count()));
        }
        return summaries;
    }

    /**
     * The application an output path belongs to, among the known names.
     *
     * @param path an output path, relative, with {@code /}
     * @return the application, or empty for a file the applications share
     */
    static Optional<String> owner(String path, Set<String> applications) {
        String[] segments = path.split("/");
        String candidate = segments[0];
        if (segments[0].equals("clusters") && segments.length == 3) {
            candidate = segments[2].equals("kustomization.yaml") ? "" : segments[2].replaceFirst("\\.yaml$", "");
        } else if (segments[0].equals("clusters") && segments.length > 3) {
            candidate = segments[2];
        }
        return applications.contains(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    private static int count(List<String> paths, String application, Set<String> applications) {
        return (int) paths.stream().filter(path -> owner(path, applications).filter(application::equals).isPresent()).count();
    }

    private static long count(List<Finding> findings, Severity severity) {
        return findings.stream().filter(f -> !f.suppressed() && f.severity() == severity).count();
    }

    /**
     * {@code shop: 3 written, 40 unchanged, 0 deleted; policy: 0 errors, 5 warnings, 2 info, 1 suppressed} — one log line.
     */
    public String line() {
        return application + ": " + written + " written, " + unchanged + " unchanged, " + deleted + " deleted; policy: "
                + errors + (errors == 1 ? " error, " : " errors, ") + warnings + (warnings == 1 ? " warning, " : " warnings, ")
                + info + " info, " + suppressed + " suppressed";
    }
}
