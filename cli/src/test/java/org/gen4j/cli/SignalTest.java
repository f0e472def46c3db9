package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * current step with a checkpoint of that step and one line saying so; the run then resumes. The
 * same holds for a command started without a heap bound, which {@link HeapLauncher} runs in a
 * second JVM: the signal reaches the first, which forwards it; and a second JVM whose first one is
 * killed outright stops the same way.
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

    @Test
    void aRelaunchedCommandGetsItsHeapAndTheForwardedSignal() throws Exception {
        stopsWith("TERM", Launch.RELAUNCHED);
    }

    @Test
    void aRelaunchedCommandStopsWhenItsFirstJvmIsKilled() throws Exception {
        stopsWith("KILL", Launch.RELAUNCHED);
    }

    /** How the test starts the command. */
    private enum Launch { SIZED, RELAUNCHED }

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
        stopsWith(signal, Launch.SIZED);
    }

    private void stopsWith(String signal, Launch launch) throws Exception {
        Path run = tmp.resolve("run-" + signal + "-" + launch);
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ai.djl.") || key.startsWith("gen4j.")) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        if (launch == Launch.SIZED) {
            cmd.add("-Xmx512m");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(Cli.tinyMlp(run.toString(), "--steps", "1000000", "--set",
                "checkpoint-every=100000")));
        if (launch == Launch.RELAUNCHED) {
            cmd.addAll(List.of("--heap", "300m"));
        }
        // A file, not a pipe: Process closes its pipe when the first JVM exits, and a relaunched
        // command's second JVM writes on after that.
        Path log = tmp.resolve("log-" + signal + "-" + launch + ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Process p = pb.start();
        List<ProcessHandle> children = new ArrayList<>();
        List<String> lines;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.readAllLines(log).stream().noneMatch(l -> l.startsWith("step "))) {
                assertThat(p.isAlive() && System.nanoTime() < deadline)
                        .as("the run trains: %s", Files.readString(log)).isTrue();
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            if (launch == Launch.RELAUNCHED) {
                assertThat(Files.readAllLines(log)).anyMatch(l -> l.matches(
                        "gen4j .*: training .*, heap \\d+ MB \\(from --heap\\), run folder .*"));
                children.addAll(p.children().toList());
                assertThat(children).hasSize(1);
                // ProcessHandle.Info leaves the arguments out of a command line this long
                String childCmd = Files.readString(Path.of("/proc/" + children.get(0).pid()
                        + "/cmdline"));
                assertThat(childCmd.split("\0")).contains("-Xmx300m");
            }
            if (signal.equals("INT")) {
                org.junit.jupiter.api.Assumptions.assumeFalse(ignoresSigint(p.pid()),
                        "this JVM was started ignoring SIGINT, and so was its child");
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle child : children) {
                child.onExit().get(60, TimeUnit.SECONDS);
            }
            lines = Files.readAllLines(log);
        } finally {
            p.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
        }
        if (!signal.equals("KILL")) {
            // the first JVM of a relaunched command exits as the command's JVM did
            assertThat(p.exitValue()).isEqualTo(signal.equals("TERM") ? 143 : 130);
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
