package dev.shipshape.spec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A position in a spec file: 1-based line and column, as editors and compilers print them.
 *
 * @param file   the spec file as given by the caller (relative paths stay relative)
 * @param line   1-based line, or 0 when unknown (for example an empty file)
 * @param column 1-based column, or 0 when unknown
 */
public record Location(Path file, int line, int column) implements Comparable<Location> {

    public Location {
        Objects.requireNonNull(file, "file");
    }

    /** A location naming only the file, for problems that concern the whole file. */
    public static Location of(Path file) {
        return new Location(file, 0, 0);
    }

    /** {@code file:line:column}, the form IDEs and CI logs turn into links. */
    @Override
    public String toString() {
        String name = file.toString().replace('\\', '/');
        return line == 0 ? name : name + ":" + line + ":" + column;
    }

    @Override
    public int compareTo(Location other) {
        int byFile = file.toString().compareTo(other.file.toString());
        if (byFile != 0) {
            return byFile;
        }
        return line != other.line ? Integer.compare(line, other.line) : Integer.compare(column, other.column);
    }
}
