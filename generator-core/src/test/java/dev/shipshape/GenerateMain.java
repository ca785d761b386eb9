package dev.shipshape;

import dev.shipshape.output.OutputException;
import dev.shipshape.output.WriteResult;
import dev.shipshape.spec.SpecException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The generate path in a JVM of its own, for tests that kill it, run two at once or vary its
 * time zone, locale and JDK. Arguments: the output directory, then the spec files in the order to
 * pass them. Exit code 0 after writing, 2 with the message on standard error for a spec or
 * output problem.
 */
public final class GenerateMain {

    private GenerateMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Path> specs = Arrays.stream(args).skip(1).map(Path::of).toList();
        try {
            WriteResult result = new Shipshape().generate(specs, Path.of(args[0]));
            System.out.println("written " + result.written().size());
        } catch (SpecException | OutputException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
