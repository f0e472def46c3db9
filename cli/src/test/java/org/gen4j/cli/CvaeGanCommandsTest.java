package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a tiny CVAE-GAN run: {@code sample --class}, {@code reconstruct
 * --as-class} (keep the code, change the class), and {@code arithmetic} on encoded test images.
 */
class CvaeGanCommandsTest {

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyCvaeGan() {
        run = shared.resolve("cvae-gan");
        Cli.Result r = Cli.run("train", "--model", "cvae-gan", "--steps", "4", "--batch-size",
                "16", "--set", "model-options.width=4", "--set", "latent-size=8", "--set",
                "sample-count=20", "--no-progress", "--out", run.toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void itSamplesAChosenClassAndRedrawsTestImagesAsAnother() throws Exception {
        Path samples = tmp.resolve("s.png");
        Cli.Result r = Cli.run("sample", "--run", run.toString(), "-n", "4", "--class", "3",
                "--grid", samples.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        Path swapped = tmp.resolve("swap.png");
        r = Cli.run("reconstruct", "--run", run.toString(), "-n", "4", "--as-class", "7",
                "--out", swapped.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("and their reconstructions as class 7");
        assertThat(ImageIO.read(swapped.toFile())).isNotNull();
        r = Cli.run("reconstruct", "--run", run.toString(), "--as-class", "10", "--out",
                tmp.resolve("bad.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--as-class must be in [0, 9], got 10");
    }

    @Test
    void arithmeticEncodesImageGroups() throws Exception {
        Path out = tmp.resolve("a.png");
        Cli.Result r = Cli.run("arithmetic", "--run", run.toString(), "--a", "#0,#1", "--b",
                "#2", "--c", "#3,5", "--class", "4", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ImageIO.read(out.toFile())).isNotNull();
        r = Cli.run("arithmetic", "--run", run.toString(), "--a", "#0", "--b", "#2", "--c", "#3",
                "--out", tmp.resolve("b.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--class: a conditional model needs the class");
    }
}
