package dev.shipshape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@link GenerateMain} in a child JVM with this test run's class path. */
final class ChildJvm {

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
