package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gen4j.core.image.ImageFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applications' verbs on tiny runs: {@code translate} (pix2pix, and CycleGAN's two ways),
 * {@code upscale} (srgan) and {@code inpaint} (a DCGAN by its latent), on test images, files and
 * folders, with refusals by name.
 */
class ApplicationCommandsTest {

    @TempDir
    static Path shared;

    private static Path pix2pix;
    private static Path srgan;
    private static Path cyclegan;
    private static Path dcgan;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyRuns() {
        pix2pix = train("pix2pix", "fashion-edges", "model-options.width=4");
        srgan = train("srgan", "fashion-lowres", "model-options.width=4");
        cyclegan = train("cyclegan", "fashion-domains", "model-options.width=4");
        dcgan = train("dcgan", "fashion-mnist-sample", "model-options.width=8");
    }

    private static Path train(String model, String data, String option) {
        Path run = shared.resolve(model);
        Cli.Result r = Cli.run("train", "--model", model, "--data", data, "--steps", "2",
                "--batch-size", "8", "--set", option, "--set", "sample-count=4", "--no-progress",
                "--out", run.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        return run;
    }

    @Test
    void translateWritesOnePngPerImage() throws Exception {
        Path one = tmp.resolve("one.png");
        Cli.Result r = Cli.run("translate", "--run", pix2pix.toString(), "#3", one.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage image = ImageIO.read(one.toFile());
        assertThat(image.getWidth()).isEqualTo(28);
        Path in = tmp.resolve("in");
        Files.createDirectories(in);
        ImageFiles.writePng(new float[64 * 64], 0, 1, 64, 64, in.resolve("a.png"));
        ImageFiles.writePng(new float[28 * 28], 0, 1, 28, 28, in.resolve("b.png"));
        Path out = tmp.resolve("out");
        r = Cli.run("translate", "--run", pix2pix.toString(), in.toString(), out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(out.resolve("a.png")).exists();
        assertThat(out.resolve("b.png")).exists();
        r = Cli.run("translate", "--run", pix2pix.toString(), "--to", "B", "#0",
                tmp.resolve("x.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("translates one way and has no domains");
        r = Cli.run("translate", "--run", dcgan.toString(), "#0", tmp.resolve("y.png")
                .toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("does not translate images");
    }

    @Test
    void cycleGanTranslatesBothWays() throws Exception {
        for (String to : new String[] {"A", "B"}) {
            Path out = tmp.resolve(to + ".png");
            Cli.Result r = Cli.run("translate", "--run", cyclegan.toString(), "--to", to, "#1",
                    out.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            assertThat(ImageIO.read(out.toFile())).isNotNull();
        }
        Cli.Result r = Cli.run("translate", "--run", cyclegan.toString(), "--to", "C", "#1",
                tmp.resolve("c.png").toString());
        assertThat(r.err()).contains("the model's domains are [A, B]");
    }

    @Test
    void upscaleEnlargesByTheModelsFactor() throws Exception {
        Path out = tmp.resolve("big.png");
        Cli.Result r = Cli.run("upscale", "--run", srgan.toString(), "#2", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(28);
        assertThat(r.err()).contains("(1, 7, 7) -> (1, 28, 28)");
        r = Cli.run("upscale", "--run", pix2pix.toString(), "#2", out.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("without enlarging; use gen4j translate");
    }

    @Test
    void inpaintFillsTheHoleOfAMaskShapeOrImage() throws Exception {
        Path out = tmp.resolve("filled.png");
        Cli.Result r = Cli.run("inpaint", "--run", dcgan.toString(), "--mask", "center",
                "--option", "iterations=5", "#4", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(28);
        Path mask = tmp.resolve("mask.png");
        float[] m = new float[28 * 28];
        java.util.Arrays.fill(m, -1f);
        for (int i = 0; i < 28 * 14; i++) {
            m[i] = 1f;
        }
        ImageFiles.writePng(m, 0, 1, 28, 28, mask);
        r = Cli.run("inpaint", "--run", dcgan.toString(), "--mask", mask.toString(), "--option",
                "iterations=5", "#4", tmp.resolve("top.png").toString());
        assertThat(r.code()).as(r.toString()).isZero();
        r = Cli.run("inpaint", "--run", dcgan.toString(), "--mask", "triangle", "#4",
                tmp.resolve("t.png").toString());
        assertThat(r.err()).contains("center, left-half, bottom-half, blocks, noise");
        r = Cli.run("inpaint", "--run", pix2pix.toString(), "--mask", "center", "#4",
                tmp.resolve("p.png").toString());
        assertThat(r.err()).contains("cannot serve the 'pix2pix' model");
    }
}
