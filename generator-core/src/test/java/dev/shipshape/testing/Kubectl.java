package dev.shipshape.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The {@code kubectl} on the PATH, for tests that build rendered Kustomize folders as Flux would. */
public final class Kubectl {

    private Kubectl() {
    }

    /**
     * {@code kubectl kustomize <directory>}.
     *
     * @return its standard output: the built objects as a YAML stream
     * @throws AssertionError when kubectl is not on the PATH, takes more than 60 s, or fails (with its standard error)
     */
    public static String kustomize(Path directory) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("kubectl", "kustomize", directory.toString()).start();
        } catch (IOException e) {
            return fail("this test needs kubectl on the PATH (it runs `kubectl kustomize`): " + e.getMessage(), e);
        }
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize timed out");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + directory + " failed:\n" + new String(err, StandardCharsets.UTF_8));
        return new String(out, StandardCharsets.UTF_8);
    }
}
