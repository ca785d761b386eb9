package dev.shipshape.policy.report;

import dev.shipshape.spec.Location;

import java.nio.file.Path;

/**
 * How reports name spec files: relative to the project directory, with {@code /} separators, so
 * reports are identical on every machine and code-scanning tools resolve them against the repository.
 *
 * @param projectDirectory the directory file names are made relative to
 */
public record ReportPaths(Path projectDirectory) {

    /** The file of a location relative to the project directory, {@code /}-separated. */
    public String uri(Location location) {
        Path file = location.file();
        Path relative = file.isAbsolute() ? projectDirectory.toAbsolutePath().normalize().relativize(file.normalize()) : file.normalize();
        return relative.toString().replace('\\', '/');
    }

    /** {@code file:line:column} relative to the project directory ({@code file} alone when the line is unknown). */
    public String display(Location location) {
        return location.line() == 0 ? uri(location) : uri(location) + ":" + location.line() + ":" + location.column();
    }
}
