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
 * The command line on the autoencoder family: {@code train --model vae}, {@code sample}, {@code
 * reconstruct}, {@code interpolate --between} and {@code evaluate --metrics nll,bits-per-dim}
 * on a tiny VAE run, and the refusals on a model without an encoder.
 */
class AutoencoderCommandsTest {

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyVae() {
        run = shared.resolve("vae");
        Cli.Result r = Cli.run("train", "--model", "vae", "--steps", "4", "--batch-size", "16",
                "--set", "model-options.hidden=[32]", "--set", "latent-size=2", "--set",
                "data-options.binarize=dynamic", "--set", "sample-count=16", "--no-progress",
                "--out", run.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("training vae with kl-reconstruction on"
                + " fashion-mnist-sample");
    }

    @Test
    void theRunRecordsTheElboAndDrawsItsPictures() throws IOException {
        assertThat(Files.readAllLines(run.resolve("metrics.csv")).get(0))
                .isEqualTo("step,epoch,loss,elbo,reconstruction,kl,images_per_s");
        assertThat(run.resolve("samples/epoch-001.png")).isRegularFile();
        assertThat(run.resolve("samples/reconstructions-epoch-001.png")).isRegularFile();
        assertThat(run.resolve("samples/manifold-epoch-001.png")).as("latent size 2")
                .isRegularFile();
        assertThat(Files.readString(run.resolve("report.html"))).as("the report's curves and"
                + " pictures").contains("elbo", "reconstruction", "kl",
                "samples/reconstructions-epoch-001.png", "samples/epoch-001.png");
        Path checkpoint = run.resolve("checkpoints/step-00000004");
        for (String f : new String[] {"encoder.params", "encoder.optimizer", "decoder.params",
            "decoder.optimizer", "state.json"}) {
            assertThat(checkpoint.resolve(f)).as(f).isRegularFile();
            assertThat(checkpoint.resolve(f).toFile().length()).as(f).isPositive();
        }
    }

    @Test
    void sampleDecodesPriorDraws() throws IOException {
        Path out = tmp.resolve("samples.png");
        Cli.Result r = Cli.run("sample", "--run", run.toString(), "-n", "8", "--grid",
                out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ImageIO.read(out.toFile())).isNotNull();
    }

    @Test
    void reconstructPutsEachRowOfInputsAboveItsReconstructions() throws IOException {
        Path out = tmp.resolve("rec.png");
        Cli.Result r = Cli.run("reconstruct", "--run", run.toString(), "-n", "6", "--columns",
                "3", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage grid = ImageIO.read(out.toFile());
        assertThat(grid.getHeight()).as("4 rows of 3: inputs, outputs, inputs, outputs")
                .isGreaterThan(grid.getWidth());
        assertThat(r.err()).contains("6 images of", "and their reconstructions");
    }

    @Test
    void interpolateBetweenTwoTestImagesOrAnImageFile() throws IOException {
        Path out = tmp.resolve("between.png");
        Cli.Result r = Cli.run("interpolate", "--run", run.toString(), "--between", "#0", "#1",
                "--steps", "5", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage row = ImageIO.read(out.toFile());
        assertThat(row.getWidth()).as("the two ends plus 5 steps in one row")
                .isGreaterThan(6 * row.getHeight());

        Path picture = tmp.resolve("one.png");
        assertThat(Cli.run("sample", "--run", run.toString(), "-n", "1", "--grid",
                picture.toString()).code()).isZero();
        Path fromFile = tmp.resolve("from-file.png");
        r = Cli.run("interpolate", "--run", run.toString(), "--between", picture.toString(), "#2",
                "--steps", "3", "--out", fromFile.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(fromFile).isRegularFile();
    }

    @Test
    void evaluateScoresTheLikelihoodInNatsAndBitsPerDimension() throws IOException {
        Path out = tmp.resolve("evaluation.json");
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--metrics",
                "nll,bits-per-dim", "-n", "64", "--importance-samples", "8", "--no-progress",
                "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("nll", "bits-per-dim");
        String json = Files.readString(out);
        assertThat(json).contains("\"nll\"", "\"bits-per-dim\"");
    }

    @Test
    void encoderCommandsOnAGanAreRefusedByName() {
        Path gan = tmp.resolve("gan");
        assertThat(Cli.run("train", "--steps", "2", "--batch-size", "16", "--set",
                "model-options.width=4", "--no-progress", "--out", gan.toString()).code())
                .isZero();
        Cli.Result r = Cli.run("reconstruct", "--run", gan.toString(), "--out",
                tmp.resolve("x.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("needs a model with an encoder");
        r = Cli.run("interpolate", "--run", gan.toString(), "--between", "#0", "#1", "--out",
                tmp.resolve("y.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("--between needs a model with an"
                + " encoder");
        r = Cli.run("interpolate", "--run", run.toString(), "--between", "#0", "nothing.png",
                "--out", tmp.resolve("z.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("nothing.png");
    }
}
