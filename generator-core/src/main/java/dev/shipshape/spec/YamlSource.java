package dev.shipshape.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a spec file into a {@link YamlDocument}: enforces the size limit, decodes strict UTF-8
 * (YAML 1.2 section 5.2; a byte-order mark is skipped), parses YAML with Jackson's YAML parser
 * (SnakeYAML underneath) and turns syntax errors into {@link SpecProblem}s with their positions.
 * Thread-safe; one instance serves many files.
 */
final class YamlSource {

    private final LoaderLimits limits;
    private final YAMLFactory factory;

    YamlSource(LoaderLimits limits) {
        this.limits = limits;
        this.factory = YAMLFactory.builder().loaderOptions(limits.loaderOptions()).build();
    }

    /**
     * @param file the spec file
     * @return the tree and its positions
     * @throws SpecException if the file cannot be read, is not UTF-8, is not valid YAML or exceeds a limit;
     *                       duplicate keys are reported together with any later problem
     */
    YamlDocument read(Path file) throws SpecException {
        String text = decode(file, readBytes(file));
        List<SpecProblem> problems = new ArrayList<>();
        SourceMap sourceMap = new SourceMap(file);
        JsonNode root;
        try (YAMLParser parser = factory.createParser(text)) {
            root = new YamlTreeBuilder(parser, sourceMap, limits, problems).build();
        } catch (JsonProcessingException e) {
            problems.add(syntaxProblem(file, e));
            root = null;
        } catch (IOException e) {
            throw new SpecException(new SpecProblem(Location.of(file), "Cannot parse the file: " + e.getMessage(),
                    "Check that the file is a readable YAML text file."));
        }
        if (root == null) {
            throw new SpecException(problems);
        }
        return new YamlDocument(root, sourceMap, List.copyOf(problems));
    }

    private byte[] readBytes(Path file) throws SpecException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limits.maxFileBytes() + 1);
            if (bytes.length > limits.maxFileBytes()) {
                throw new SpecException(new SpecProblem(Location.of(file),
                        "The file is larger than " + limits.maxFileBytes() + " bytes, the limit for a spec.",
                        "Split the application into several specs, or raise LoaderLimits.maxFileBytes."));
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new SpecException(new SpecProblem(Location.of(file), "The spec file does not exist.",
                    "Check the path, or create the file."));
        } catch (IOException e) {
            throw new SpecException(new SpecProblem(Location.of(file), "Cannot read the spec file: " + e,
                    "Check that the path names a readable file."));
        }
    }

    /** Strict UTF-8: the first malformed byte is reported with its line and column. */
    private static String decode(Path file, byte[] bytes) throws SpecException {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            throw new SpecException(new SpecProblem(new Location(file, 1, 1),
                    "The file is encoded as UTF-16; a spec must be UTF-8.", "Save the file as UTF-8."));
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        out.flip();
        if (result.isError()) {
            int line = 1;
            int column = 1;
            for (int i = 0; i < out.length(); i++) {
                if (out.charAt(i) == '\n') {
                    line++;
                    column = 1;
                } else if (!Character.isLowSurrogate(out.charAt(i))) {
                    column++;
                }
            }
            throw new SpecException(new SpecProblem(new Location(file, line, column),
                    String.format("The file is not valid UTF-8: byte 0x%02X cannot start or continue a character here.", bytes[in.position()] & 0xFF),
                    "Save the file as UTF-8 (YAML specs are UTF-8 text)."));
        }
        return out.toString();
    }

    private static SpecProblem syntaxProblem(Path file, JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                Mark mark = marked.getProblemMark();
                Location at = new Location(file, mark.getLine() + 1, mark.getColumn() + 1);
                String problem = marked.getProblem() == null ? "" : marked.getProblem().strip();
                if (problem.contains("(TAB)")) {
                    return new SpecProblem(at, "A tab character is used for indentation; YAML allows only spaces there.",
                            "Indent with spaces instead of tabs.");
                }
                Mark context = marked.getContextMark();
                String during = marked.getContext() == null || context == null ? ""
                        : " (" + marked.getContext().strip() + " that starts at line " + (context.getLine() + 1) + ", column " + (context.getColumn() + 1) + ")";
                return new SpecProblem(at, "Invalid YAML: " + problem + during + ".",
                        "Check the indentation, quotes and brackets on this line and the lines just before it.");
            }
        }
        JsonLocation l = e.getLocation();
        Location at = l == null ? Location.of(file) : new Location(file, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
        return new SpecProblem(at, "Invalid YAML: " + e.getOriginalMessage() + ".",
                "Fix the YAML here; if a limit was exceeded, shorten the file or raise the LoaderLimits.");
    }
}
