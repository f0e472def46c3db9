package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 64 x 64 RGB image-folder run scored through plugged-in feature networks: a user's ONNX file
 * (the tiny network of bench/reference/feature_networks.py, with its sidecar) and a classifier
 * that train-classifier made on the folder itself.
 */
class FeatureNetworkCommandsTest {

    /** The tiny networks live with the evaluation module's tests. */
    static final Path NETWORKS = Path.of("../evaluation/src/test/resources/org/gen4j/evaluation/"
            + "features/files");

    @TempDir
    static Path tmp;

    static Path data;
    static Path run;

    /** Two classes of 64 x 64 RGB images: a red or a blue disc on a dark noisy ground. */
    @BeforeAll
    static void trainARun() throws IOException {
        data = tmp.resolve("discs");
        Random random = new Random(3);
        for (String cls : new String[] {"blue", "red"}) {
            Files.createDirectories(data.resolve(cls));
            for (int i = 0; i < 70; i++) {
                BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
                int cx = 16 + random.nextInt(32);
                int cy = 16 + random.nextInt(32);
                int r = 8 + random.nextInt(8);
                for (int y = 0; y < 64; y++) {
                    for (int x = 0; x < 64; x++) {
                        boolean in = (x - cx) * (x - cx) + (y - cy) * (y - cy) < r * r;
                        int base = in ? (cls.equals("red") ? 0xc82828 : 0x283cc8) : 0x141414;
                        int n = random.nextInt(16);
                        img.setRGB(x, y, base + (n << 16) + (n << 8) + n);
                    }
                }
                ImageIO.write(img, "png", data.resolve(cls).resolve(i + ".png").toFile());
            }
        }
        run = tmp.resolve("run");
        Cli.Result t = Cli.run("train", "--data", data.toString(), "--model", "dcgan", "--set",
                "model-options.width=8", "--batch-size", "8", "--steps", "2", "--no-progress",
                "--out", run.toString());
        assertThat(t.code()).as(t.toString()).isZero();
    }

    private static Path onnx() throws IOException {
        Path net = tmp.resolve("tiny-rgb.onnx");
        Files.copy(NETWORKS.resolve("tiny-rgb.onnx"), net, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(NETWORKS.resolve("tiny-rgb.onnx.json"), tmp.resolve("tiny-rgb.onnx.json"),
                StandardCopyOption.REPLACE_EXISTING);
        return net;
    }

    @Test
    void theShippedNetworkRefusesColourAndSaysHowToPlugOneIn() {
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--metrics", "fid", "--n",
                "50", "--no-progress");
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("(3, 64, 64)")
                .contains("fashion-mnist-classifier").contains("--features");
    }

    @Test
    void anOnnxFileScoresTheRunAndTheReportNamesIt() throws IOException {
        Path net = onnx();
        Path report = tmp.resolve("onnx.json");
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--features", net.toString(),
                "--metrics", "fid,kid,classifier-score", "--metric-option", "kid.subset-size=50",
                "--n", "100", "--no-progress", "--out", report.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("fid=", "kid_mean=", "classifier_score_mean=");
        assertThat(report).content().contains("\"id\" : \"tiny-rgb\"", "\"format\" : \"onnx\"",
                "\"engine\" : \"OnnxRuntime\"", "\"resize\" : \"bilinear\"",
                "\"weights_sha256\" : \"" + org.gen4j.evaluation.report.Sha256.ofFile(net));
    }

    @Test
    void optionsOverrideTheSidecarAndBadOnesAreNamed() throws IOException {
        Path net = onnx();
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--features", net.toString(),
                "--feature-option", "resize=none", "--metrics", "fid", "--n", "50",
                "--no-progress");
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("16 x 16 pixels (resize: none)");
        Cli.Result bad = Cli.run("evaluate", "--run", run.toString(), "--features",
                net.toString(), "--feature-option", "size", "--n", "50", "--no-progress");
        assertThat(TrainCommandTest.errorLine(bad)).contains("--feature-option takes KEY=VALUE");
        Cli.Result missing = Cli.run("evaluate", "--run", run.toString(), "--features",
                tmp.resolve("absent.onnx").toString(), "--n", "50", "--no-progress");
        assertThat(TrainCommandTest.errorLine(missing)).contains("absent.onnx does not exist");
        Cli.Result unknown = Cli.run("evaluate", "--run", run.toString(), "--features",
                "inception", "--n", "50", "--no-progress");
        assertThat(TrainCommandTest.errorLine(unknown))
                .contains("unknown feature network 'inception'");
    }

    @Test
    void trainClassifierOnTheFolderMakesAFeatureNetworkForIt() {
        Path out = tmp.resolve("classifier");
        Cli.Result t = Cli.run("train-classifier", "--data", data.toString(), "--out",
                out.toString(), "--id", "discs-classifier", "--epochs", "2", "--batch-size",
                "16");
        assertThat(t.code()).as(t.toString()).isZero();
        assertThat(t.err()).contains("images (3, 64, 64), classes [blue, red]")
                .contains("on 14 images");
        assertThat(out.resolve("discs-classifier.json")).content()
                .contains("\"input-shape\" : [ 3, 64, 64 ]", "14 held out, seed 1");
        Cli.Result r = Cli.run("evaluate", "--run", run.toString(), "--features",
                out.resolve("discs-classifier.params").toString(), "--metrics",
                "kid,classifier-score", "--metric-option", "kid.subset-size=50", "--n", "100",
                "--no-progress");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("kid_mean=", "classifier_score_mean=");
        Cli.Result noClasses = Cli.run("train-classifier", "--data", data.resolve("red")
                .toString(), "--out", out.toString(), "--epochs", "1");
        assertThat(TrainCommandTest.errorLine(noClasses)).contains("at least 2 class");
    }

    @Test
    void listShowsTheFeatureNetworks() {
        Cli.Result r = Cli.run("list", "feature-networks");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.out()).contains("fashion-mnist-classifier", "classifier", "onnx",
                "torchscript");
    }
}
