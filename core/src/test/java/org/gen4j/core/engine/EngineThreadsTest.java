package org.gen4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gen4j.testing.Engines;
import org.junit.jupiter.api.Test;

/**
 * The thread count of {@link EngineSetup.Builder#optThreads} reaches MXNet, whose OpenMP runtime
 * reads it only when the library loads: two JVMs of their own, set to 1 and to 3 threads, differ
 * by at least the 2 threads of the larger OpenMP team (by 4 on MXNet 1.9: its engine's worker
 * and the calling thread each fork a team). Were the setting lost, both would run the default
 * team and count the same.
 */
class EngineThreadsTest {

    @Test
    void mxnetRunsWithTheThreadsItIsGiven() throws Exception {
        assumeTrue(Engines.isMxnet(), "the PyTorch engine takes its threads as a property");
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "counts threads in /proc");
        assertThat(threadsOfChild(3) - threadsOfChild(1)).isGreaterThanOrEqualTo(2);
    }

    private static int threadsOfChild(int threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx256m",
                "-Dai.djl.default_engine=MXNet", "-cp", System.getProperty("java.class.path"),
                ChildThreads.class.getName(), Integer.toString(threads)));
        pb.environment().remove("OMP_NUM_THREADS");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        String line = out.lines().filter(l -> l.startsWith("threads ")).findFirst()
                .orElseThrow(() -> new AssertionError("no thread count in: " + out));
        return Integer.parseInt(line.substring("threads ".length()).trim());
    }
}
