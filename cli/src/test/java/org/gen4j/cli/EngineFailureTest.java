package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine that cannot allocate memory stops the run with a clear error and a non-zero exit.
 * A child {@code gen4j train} JVM runs under a 3.5 GB address-space limit ({@code ulimit -v})
 * with a batch far beyond it. Before, MXNet's asynchronous allocation errors were logged and
 * dropped by DJL while freeing arrays, the steps went on with outputs never computed, and the
 * run ended with exit 0.
 */
class EngineFailureTest {

    @TempDir
    Path tmp;

    @Test
    void outOfNativeMemoryStopsTheRunWithAClearError() throws Exception {
        assumeTrue("MXNet".equals(System.getProperty("ai.djl.default_engine", "MXNet")),
                "the MXNet engine's asynchronous errors are the case");
        Path run = tmp.resolve("run");
        List<String> java = new ArrayList<>();
        java.add(ProcessHandle.current().info().command().orElse("java"));
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ai.djl.") || key.startsWith("gen4j.")) {
                java.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        java.addAll(List.of("-Xmx256m", "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxMetaspaceSize=128m", "-XX:CompressedClassSpaceSize=64m", "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--steps",
                "3", "--batch-size", "4000", "--set", "model-options.width=256", "--no-progress",
                "--out", run.toString()));
        StringBuilder cmd = new StringBuilder("ulimit -v 3500000; exec");
        for (String a : java) {
            cmd.append(" '").append(a.replace("'", "'\\''")).append('\'');
        }
        Process p = new ProcessBuilder("bash", "-c", cmd.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assumeTrue(out.contains("data: "), "the JVM did not start under the limit:\n" + out);
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        String error = out.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertThat(error).as(out).contains("the engine failed at step")
                .contains("Failed to allocate").contains("ran out of memory")
                .contains("no checkpoint had been written yet");
        assertThat(out).doesNotContain("done: ");
        assertThat(Files.readString(run.resolve("report.html"))).contains("stopped");
    }
}
