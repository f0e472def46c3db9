package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j train}: the run folder it writes, exact resume, and stopping on a NaN loss. */
class TrainCommandTest {

    private static final List<String> CHECKPOINT_FILES = List.of("discriminator.params",
            "generator.params", "discriminator.optimizer", "generator.optimizer", "state.json");

    @TempDir
    Path tmp;

    @Test
    void trainWritesTheWholeRunFolder() throws IOException {
        Path run = tmp.resolve("run");
        Cli.Result r = Cli.run(Cli.tinyMlp(run.toString(), "--steps", "8"));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("done: 8 steps").contains("report: ");
        assertThat(run.resolve("spec.json")).isRegularFile().content().contains("\"mlp-gan\"");
        assertThat(run.resolve("metrics.csv")).isRegularFile().content().contains("loss_d");
        assertThat(run.resolve("samples/epoch-001.png")).isRegularFile();
        assertThat(run.resolve("report.html")).isRegularFile().content().contains("finished");
        assertThat(run.resolve("checkpoints/latest")).content().isEqualToIgnoringNewLines(
                "step-00000008");
        assertCompleteCheckpoint(run.resolve("checkpoints/step-00000008"));
    }

    @Test
    void resumeThroughTheCommandLineIsBitwiseEqualToAStraightRun() throws IOException {
        Path a = tmp.resolve("A");
        Path b = tmp.resolve("B");
        Cli.Result straight = Cli.run(Cli.tinyMlp(a.toString(), "--steps", "8",
                "--set", "checkpoint-every=4"));
        Cli.Result first = Cli.run(Cli.tinyMlp(b.toString(), "--steps", "4",
                "--set", "checkpoint-every=4"));
        Cli.Result resumed = Cli.run("train", "--resume", "--out", b.toString(), "--steps", "8",
                "--no-progress");

        assertThat(straight.code()).as(straight.toString()).isZero();
        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(resumed.code()).as(resumed.toString()).isZero();
        assertThat(resumed.err()).contains("resuming").contains("steps 4 to 8");
        Path ca = a.resolve("checkpoints/step-00000008");
        Path cb = b.resolve("checkpoints/step-00000008");
        assertCompleteCheckpoint(cb);
        for (String f : CHECKPOINT_FILES) {
            assertThat(cb.resolve(f)).as(f).hasSameBinaryContentAs(ca.resolve(f));
        }
        // The step-4 checkpoints agree too: the first leg is the straight run's prefix.
        for (String f : CHECKPOINT_FILES) {
            if (!f.equals("state.json")) { // its spec holds steps 4 in B, 8 in A
                assertThat(b.resolve("checkpoints/step-00000004").resolve(f)).as(f)
                        .hasSameBinaryContentAs(a.resolve("checkpoints/step-00000004").resolve(f));
            }
        }
    }

    @Test
    void nanLossStopsTheRunAndKeepsTheLastGoodCheckpoint() throws IOException {
        // Sixteen layers trained at lr 10 overflow within a few steps (at step 3 or 4 on MXNet).
        Path run = tmp.resolve("nan");
        Cli.Result r = Cli.run(Cli.tinyMlp(run.toString(), "--steps", "20", "--lr", "10",
                "--set", "model-options.depth=16", "--set", "checkpoint-every=1"));

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        String error = errorLine(r);
        assertThat(error).containsPattern("Loss loss_[dg] became (NaN|-?Infinity) at step \\d+");
        long failed = Long.parseLong(error.replaceAll(".* at step (\\d+).*", "$1"));
        assertThat(failed).isGreaterThan(1);
        String good = String.format("step-%08d", failed - 1);
        assertThat(error).contains("the last good checkpoint, " + good + ", is kept");
        assertThat(run.resolve("checkpoints/latest")).content().isEqualToIgnoringNewLines(good);
        assertCompleteCheckpoint(run.resolve("checkpoints").resolve(good));
        assertThat(run.resolve("checkpoints").resolve(String.format("step-%08d", failed)))
                .doesNotExist();
        assertNoTemporaryCheckpoint(run);
        assertThat(run.resolve("report.html")).content().contains("stopped");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void nanBeforeTheFirstCheckpointPublishesNone() throws IOException {
        Path run = tmp.resolve("nan1");
        Cli.Result r = Cli.run(Cli.tinyMlp(run.toString(), "--steps", "20", "--lr", "10",
                "--set", "model-options.depth=16", "--set", "checkpoint-every=1000"));

        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(errorLine(r)).containsPattern("became (NaN|-?Infinity) at step \\d+")
                .contains("no checkpoint had been written yet");
        assertThat(run.resolve("checkpoints/latest")).doesNotExist();
        assertNoTemporaryCheckpoint(run);
        // Nothing blocks a new start in the same folder.
        Cli.Result again = Cli.run(Cli.tinyMlp(run.toString(), "--steps", "2"));
        assertThat(again.code()).as(again.toString()).isZero();
        assertCompleteCheckpoint(run.resolve("checkpoints/step-00000002"));
    }

    static void assertCompleteCheckpoint(Path dir) {
        for (String f : CHECKPOINT_FILES) {
            assertThat(dir.resolve(f)).as(dir + "/" + f).isRegularFile();
            assertThat(dir.resolve(f).toFile().length()).as(f).isPositive();
        }
    }

    private static void assertNoTemporaryCheckpoint(Path run) throws IOException {
        Path folder = run.resolve("checkpoints");
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> s = Files.list(folder)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    /** The one "error: " line, after checking that nothing else of a stack trace is printed. */
    static String errorLine(Cli.Result r) {
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertThat(errors).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).doesNotContain("\tat ").doesNotContain("Exception");
        return errors.get(0);
    }
}
