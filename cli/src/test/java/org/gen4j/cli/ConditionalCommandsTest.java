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
 * The command line with a procedure other than the default: {@code train --model cgan}, {@code
 * sample --class}, {@code evaluate} with conditional accuracy, {@code interpolate}, and {@code
 * list procedures}.
 */
class ConditionalCommandsTest {

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyCgan() {
        run = shared.resolve("cgan");
        Cli.Result r = Cli.run("train", "--model", "cgan", "--steps", "3", "--batch-size", "16",
                "--set", "model-options.width=4", "--set", "sample-count=20", "--no-progress",
                "--out", run.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("training cgan with non-saturating on fashion-mnist-sample");
    }

    @Test
    void theRunRecordsTheProcedureAndItsNetworks() throws IOException {
        String spec = Files.readString(run.resolve("spec.json"));
        assertThat(spec).contains("\"procedure\" : \"cgan\"", "\"condition\" : \"one-hot\"",
                "\"generator\" : {", "\"discriminator\" : {");
        TrainCommandTest.assertCompleteCheckpoint(run.resolve("checkpoints/step-00000003"));
    }

    @Test
    void sampleTakesAClassAndOtherwiseDrawsOneRowPerClass() throws IOException {
        Path one = tmp.resolve("three.png");
        Cli.Result r = Cli.run("sample", "--run", run.toString(), "-n", "8", "--class", "3",
                "--grid", one.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ImageIO.read(one.toFile())).isNotNull();
        Path rows = tmp.resolve("rows.png");
        r = Cli.run("sample", "--run", run.toString(), "-n", "20", "--grid", rows.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage grid = ImageIO.read(rows.toFile());
        assertThat(grid.getHeight()).as("10 rows of 2").isGreaterThan(4 * grid.getWidth());
    }

    @Test
    void aClassOutOfRangeOrForAnUnconditionalModelIsRefused() {
        Cli.Result r = Cli.run("sample", "--run", run.toString(), "-n", "2", "--class", "10",
                "--grid", tmp.resolve("x.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("--class must be in [0, 9]");
        Path gan = tmp.resolve("gan");
        assertThat(Cli.run("train", "--steps", "2", "--batch-size", "16", "--set",
                "model-options.width=4", "--no-progress", "--out", gan.toString()).code())
                .isZero();
        r = Cli.run("sample", "--run", gan.toString(), "-n", "2", "--class", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("is not conditional");
    }

    @Test
    void evaluateScoresConditionalAccuracyPerClass() throws IOException {
        Path out = tmp.resolve("evaluation.json");
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--metrics",
                "conditional-accuracy", "-n", "100", "--no-progress", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("conditional-accuracy").contains("accuracy=")
                .contains("class_9=");
        assertThat(Files.readString(out)).contains("\"class_0\"");
    }

    @Test
    void interpolateWalksEachRowInOneClass() {
        Path out = tmp.resolve("walk.png");
        Cli.Result r = Cli.run("interpolate", "--run", run.toString(), "--rows", "2", "--steps",
                "3", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(out).isRegularFile();
    }

    @Test
    void listShowsProceduresWithTheirNetworksAndKeys() {
        Cli.Result r = Cli.run("list", "procedures");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("procedures:").contains("cgan", "gan ")
                .contains("networks: generator, discriminator")
                .contains("keys: discriminator, latent-size, loss");
        Cli.Result o = Cli.run("list", "optimizers");
        assertThat(o.out()).contains("adam", "rmsprop", "sgd");
        Cli.Result s = Cli.run("list", "schedules");
        assertThat(s.out()).contains("constant", "linear", "step", "cosine");
    }
}
