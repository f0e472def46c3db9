package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.train.Checkpoints;
import org.gen4j.core.train.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM or SIGINT to a training {@code gen4j train} (a JVM of its own) stops it after the
 * current step with a checkpoint of that step and one line saying so; the run then resumes.
 */
class SignalTest {

    @TempDir
    Path tmp;

    @Test
    void sigtermSavesTheStepReachedAndSaysSo() throws Exception {
        stopsWith("TERM");
    }

    @Test
    void sigintToo() throws Exception {
        stopsWith("INT");
    }

    /** Whether a process ignores SIGINT (started in the background without job control). */
    private static boolean ignoresSigint(long pid) throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }

    private void stopsWith(String signal) throws Exception {
        Path run = tmp.resolve("run-" + signal);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ai.djl.") || key.startsWith("gen4j.")) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(Cli.tinyMlp(run.toString(), "--steps", "1000000", "--set",
                "checkpoint-every=100000")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.startsWith("step ")) {
                    break;
                }
            }
            Thread.sleep(1500);
            if (signal.equals("INT")) {
                org.junit.jupiter.api.Assumptions.assumeFalse(ignoresSigint(p.pid()),
                        "this JVM was started ignoring SIGINT, and so was its child");
            }
            // kill, not Process.destroy: destroy closes the streams this test reads.
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        List<String> stopped = lines.stream().filter(l -> l.contains("on a signal")).toList();
        assertThat(stopped).as("exit %d:%n%s", p.exitValue(), String.join("\n", lines))
                .hasSize(1);
        String step = stopped.get(0).replaceAll(".*stopped at step (\\d+) .*", "$1");
        assertThat(stopped.get(0)).contains("checkpoint " + Checkpoints.name(Long.parseLong(step))
                + " saved").contains("--resume --out " + run);
        assertThat(lines).noneMatch(l -> l.startsWith("done:"));
        Path cp = Checkpoints.resolve(run);
        assertThat(cp.getFileName().toString()).isEqualTo(Checkpoints.name(Long.parseLong(step)));
        try (TrainedModel m = TrainedModel.load(run, Gen4j.registry())) {
            assertThat(m.step()).isEqualTo(Long.parseLong(step));
        }
        assertThat(Files.readString(run.resolve("report.html"))).contains("on request");
        Cli.Result resumed = Cli.run(Cli.tinyMlp(run.toString(), "--resume", "--steps",
                Long.toString(Long.parseLong(step) + 5)));
        assertThat(resumed.code()).as(resumed.toString()).isZero();
    }
}
