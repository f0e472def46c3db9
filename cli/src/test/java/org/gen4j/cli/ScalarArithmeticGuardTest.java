package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.gen4j.testing.HostCopyCalls;
import org.gen4j.testing.ScalarArithmeticCalls;
import org.junit.jupiter.api.Test;

/**
 * No gen4j module calls DJL's number arithmetic that the PyTorch engine gets wrong after a
 * garbage collection ({@code x.mul(0.5f)} and its kind; see {@code
 * org.gen4j.core.engine.Scalars}). The CLI's classpath holds every module but the example
 * plugin, which checks itself.
 */
class ScalarArithmeticGuardTest {

    @Test
    void everyModuleUsesScalarsForNumberArithmetic() {
        List<String> calls = scan(ScalarArithmeticCalls::find);
        calls.removeIf(c -> c.startsWith("org.gen4j.core.engine.Scalars "));
        assertThat(calls).as("calls to replace with org.gen4j.core.engine.Scalars").isEmpty();
    }

    /**
     * No gen4j module copies Java data into engine arrays through DJL's own copy, which hands
     * MXNet freed memory when the garbage collector runs during it (see {@code
     * org.gen4j.core.engine.HostArrays}). The testing helpers, which serve only tests, may, and
     * so may {@code Scalars}, whose one such call runs on PyTorch only.
     */
    @Test
    void everyModuleUsesHostArraysForJavaData() {
        List<String> calls = scan(HostCopyCalls::find);
        calls.removeIf(c -> c.startsWith("org.gen4j.core.engine.HostArrays ")
                || c.startsWith("org.gen4j.testing.")
                || c.equals("org.gen4j.core.engine.Scalars calls NDManager.create"
                        + " (D)Lai/djl/ndarray/NDArray;"));
        assertThat(calls).as("calls to replace with org.gen4j.core.engine.HostArrays").isEmpty();
    }

    /** The calls {@code find} reports in every gen4j module's main classes on the class path. */
    private static List<String> scan(BiFunction<Path, String, List<String>> find) {
        List<String> calls = new ArrayList<>();
        int scanned = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (!Files.exists(p) || !isGen4jMain(p)) {
                continue;
            }
            scanned++;
            calls.addAll(find.apply(p, "org/gen4j/"));
        }
        // core, testing, losses, the model families, the applications, evaluation, the PyTorch
        // module and the CLI itself: the scan must have reached them.
        assertThat(scanned).as("gen4j class folders and jars scanned").isGreaterThanOrEqualTo(15);
        return calls;
    }

    /** A module's main classes: a jar or a classes folder of gen4j, not test classes. */
    private static boolean isGen4jMain(Path p) {
        String s = p.toString().replace('\\', '/');
        if (s.endsWith("/test-classes")) {
            return false;
        }
        if (s.endsWith(".jar")) {
            return p.getFileName().toString().startsWith("gen4j-");
        }
        return Files.isDirectory(p.resolve("org/gen4j"));
    }
}
