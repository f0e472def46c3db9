package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on the autoregressive family: {@code train --model pixelcnn}, {@code sample},
 * {@code complete} (from a row, or a box) and {@code evaluate --metrics nll,bits-per-dim} with
 * the exact likelihood, and the refusals.
 */
class AutoregressiveCommandsTest {

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyPixelCnn() {
        run = shared.resolve("pixelcnn");
        Cli.Result r = Cli.run("train", "--model", "pixelcnn", "--steps", "4", "--batch-size",
                "16", "--set", "model-options.channels=4", "--set", "model-options.blocks=1",
                "--set", "data-options.binarize=dynamic", "--set", "sample-count=4",
                "--no-progress", "--out", run.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("training pixelcnn");
    }

    @Test
    void theRunRecordsTheNllInNatsAndBits() throws IOException {
        assertThat(Files.readAllLines(run.resolve("metrics.csv")).get(0))
                .isEqualTo("step,epoch,loss,bits_per_dim,images_per_s");
        String spec = Files.readString(run.resolve("spec.json"));
        assertThat(spec).contains("\"procedure\" : \"autoregressive\"",
                "\"output\" : \"auto\"");
    }

    @Test
    void sampleDrawsBinaryImages() throws IOException {
        Path out = tmp.resolve("samples.png");
        Cli.Result r = Cli.run("sample", "--run", run.toString(), "-n", "2", "--no-progress",
                "--grid", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ImageIO.read(out.toFile())).isNotNull();
    }

    @Test
    void completeWritesOriginalMaskedAndCompletionsPerRow() throws IOException {
        Path out = tmp.resolve("complete.png");
        Cli.Result r = Cli.run("complete", "--run", run.toString(), "-n", "2", "--completions",
                "2", "--no-progress", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage grid = ImageIO.read(out.toFile());
        assertThat(grid.getWidth()).as("4 columns, 2 rows").isGreaterThan(grid.getHeight());
        Path box = tmp.resolve("box.png");
        r = Cli.run("complete", "--run", run.toString(), "-n", "1", "--box", "20,4,28,24",
                "--no-progress", "--out", box.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        r = Cli.run("complete", "--run", run.toString(), "--box", "20,4,30,24", "--out",
                tmp.resolve("x.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("--box [20, 4, 30, 24] must lie"
                + " within the 28x28 image");
    }

    @Test
    void evaluateScoresTheExactNll() throws IOException {
        Path out = tmp.resolve("evaluation.json");
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--metrics",
                "nll,bits-per-dim", "-n", "32", "--no-progress", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("nll (pixelcnn-bernoulli)", "bits-per-dim");
        assertThat(Files.readString(out)).contains("\"exact\" : true");
    }

    @Test
    void completeOnAGanIsRefusedByName() {
        Path gan = tmp.resolve("gan");
        assertThat(Cli.run("train", "--steps", "2", "--batch-size", "16", "--set",
                "model-options.width=4", "--no-progress", "--out", gan.toString()).code())
                .isZero();
        Cli.Result r = Cli.run("complete", "--run", gan.toString(), "--out",
                tmp.resolve("y.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("complete needs an autoregressive"
                + " model");
    }
}
