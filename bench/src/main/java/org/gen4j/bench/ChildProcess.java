package org.gen4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A benchmark child process: its output echoed, its last {@code RESULT} line parsed. */
final class ChildProcess {

    private ChildProcess() {}

    /**
     * Runs {@code command} with {@code OMP_NUM_THREADS=threads}, echoing its output indented.
     *
     * @return the key=value pairs of its last {@code RESULT} line
     * @throws IllegalStateException if it fails or prints no result
     */
    static Map<String, String> run(List<String> command, int threads) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        Map<String, String> result = null;
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                System.out.println("  " + line);
                if (line.startsWith("RESULT")) {
                    result = DcganBench.parseResult(line);
                }
            }
        }
        int rc = p.waitFor();
        if (rc != 0 || result == null) {
            throw new IllegalStateException("benchmark child failed (exit " + rc + "): "
                    + String.join(" ", command.subList(0, Math.min(4, command.size()))));
        }
        return result;
    }

    /** Whether {@code python} imports torch. */
    static boolean hasTorch(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The command that runs {@link BenchMain} {@code args} on this JVM's class path, with {@code
     * engine}, {@code threads} intra-op threads and a heap of {@code heap} ({@code -Xmx}), with
     * the initial heap and the collector that {@code gen4j}'s launcher gives the commands it runs
     * ({@code -Xms32m -XX:+UseSerialGC}, the CLI's {@code HeapLauncher}): the JVM a user gets.
     * With the JVM's defaults (G1, an initial heap of a 64th of the machine's memory) the WGAN-GP
     * iteration's peak resident memory was about 100 MB higher at the same speed.
     */
    static List<String> bench(String engine, int threads, String heap, String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx" + heap, "-Xms32m",
                "-XX:+UseSerialGC",
                "-Dai.djl.default_engine=" + engine, "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-Dai.djl.pytorch.graph_optimizer=false", "-cp",
                System.getProperty("java.class.path"), BenchMain.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
