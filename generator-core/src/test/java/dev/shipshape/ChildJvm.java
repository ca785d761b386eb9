package dev.shipshape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@link GenerateMain} in a child JVM with this test run's class path. */
final class ChildJvm {

    /**
     * Options for every child, before the test's own: a child runs one generate of seconds, where
     * the C2 compiler's and G1's threads cost about half its CPU and pay back nothing (issue 15,
     * part 4; docs/benchmarks.md, session 6). Neither changes what the generate path computes.
     */
    private static final List<String> SHORT_RUN_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ChildJvm() {
    }

    /** The test class path (Surefire passes it in a property when it uses a manifest-only jar). */
    static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /**
     * @param javaHome    the JDK to run, for example {@code System.getProperty("java.home")}
     * @param jvmOptions  options such as {@code -Duser.language=tr}
     * @param environment variables to add, such as {@code TZ}
     * @param output      the output directory
     * @param specs       the spec files, in the order given to the generator
     * @param log         where standard output and error go
     */
    static Process generate(Path javaHome, List<String> jvmOptions, Map<String, String> environment, Path output,
                            List<Path> specs, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        command.addAll(SHORT_RUN_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), GenerateMain.class.getName(), output.toString()));
        specs.forEach(spec -> command.add(spec.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The JDK running this test. */
    static Path currentJavaHome() {
        return Path.of(System.getProperty("java.home"));
    }
}
