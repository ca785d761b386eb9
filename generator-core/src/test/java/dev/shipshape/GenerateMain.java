package dev.shipshape;

import dev.shipshape.output.Faults;
import dev.shipshape.output.OutputException;
import dev.shipshape.output.WriteResult;
import dev.shipshape.spec.SpecException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The generate path in a JVM of its own, for tests that kill it, run two at once or vary its
 * time zone, locale and JDK. Arguments: the output directory, then the spec files in the order to
 * pass them, or one specs directory (its specs as {@link Shipshape#findSpecs} lists them: names the
 * command line could not carry under every locale). Exit code 0 after writing, 2 with the message
 * on standard error for a spec or output problem. {@code -Dshipshape.test.haltAt=STEP:N} halts the
 * JVM at the N-th write step STEP ({@link Faults#haltAt}, exit code {@link Faults#HALTED}).
 */
public final class GenerateMain {

    private GenerateMain() {
    }

    public static void main(String[] args) throws Exception {
        String haltAt = System.getProperty("shipshape.test.haltAt");
        if (haltAt != null) {
            Faults.haltAt(haltAt.substring(0, haltAt.indexOf(':')), Integer.parseInt(haltAt.substring(haltAt.indexOf(':') + 1)));
        }
        List<Path> specs = Arrays.stream(args).skip(1).map(Path::of).toList();
        try {
            if (specs.size() == 1 && Files.isDirectory(specs.get(0))) {
                specs = Shipshape.findSpecs(specs.get(0));
            }
            WriteResult result = new Shipshape().generate(specs, Path.of(args[0]));
            System.out.println("written " + result.written().size());
        } catch (SpecException | OutputException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
