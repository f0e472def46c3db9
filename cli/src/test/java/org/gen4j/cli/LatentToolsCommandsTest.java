package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The latent-space verbs on tiny runs: {@code traverse} over InfoGAN's codes and {@code
 * arithmetic} on seed groups, checked through identities of the arithmetic (A - A + C is C;
 * A - B + B is A), and their refusals.
 */
class LatentToolsCommandsTest {

    /** 28x28 images at scale 2 with the grid's 2-pixel padding. */
    private static final int TILE = 56;
    private static final int STRIDE = TILE + 2;

    @TempDir
    static Path shared;

    private static Path infogan;
    private static Path dcgan;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyRuns() {
        infogan = shared.resolve("infogan");
        Cli.Result r = Cli.run("train", "--model", "infogan", "--steps", "4", "--batch-size",
                "16", "--set", "model-options.width=4", "--set", "sample-count=20",
                "--no-progress", "--out", infogan.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        dcgan = shared.resolve("dcgan");
        r = Cli.run("train", "--model", "dcgan", "--steps", "4", "--batch-size", "16", "--set",
                "model-options.width=4", "--set", "sample-count=16", "--no-progress", "--out",
                dcgan.toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    private static int[] tile(BufferedImage grid, int row, int column) {
        return grid.getRGB(2 + column * STRIDE, 2 + row * STRIDE, TILE, TILE, null, 0, TILE);
    }

    @Test
    void traverseShowsEachCategoryOrTheStepsOfAContinuousCode() throws IOException {
        Path out = tmp.resolve("category.png");
        Cli.Result r = Cli.run("traverse", "--run", infogan.toString(), "--rows", "3", "--out",
                out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("traversal of category (10 values per row)");
        BufferedImage grid = ImageIO.read(out.toFile());
        assertThat(grid.getWidth()).isEqualTo(10 * STRIDE + 2);
        assertThat(grid.getHeight()).isEqualTo(3 * STRIDE + 2);
        out = tmp.resolve("continuous.png");
        r = Cli.run("traverse", "--run", infogan.toString(), "--code", "continuous-2", "--steps",
                "5", "--range", "2", "--rows", "2", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(ImageIO.read(out.toFile()).getWidth()).isEqualTo(5 * STRIDE + 2);
    }

    @Test
    void traverseNamesTheCodesAndRefusesModelsWithout() {
        Cli.Result r = Cli.run("traverse", "--run", infogan.toString(), "--code", "colour",
                "--out", tmp.resolve("x.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--code colour: the model's codes are [category,"
                + " continuous-1, continuous-2]");
        r = Cli.run("traverse", "--run", dcgan.toString(), "--out",
                tmp.resolve("y.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("traverse needs a model with latent codes (infogan)");
    }

    @Test
    void arithmeticOnSeedsObeysItsIdentities() throws IOException {
        for (Path run : new Path[] {dcgan, infogan}) {
            Path out = tmp.resolve(run.getFileName() + "-aac.png");
            Cli.Result r = Cli.run("arithmetic", "--run", run.toString(), "--a", "3,4", "--b",
                    "3,4", "--c", "9", "--out", out.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            BufferedImage grid = ImageIO.read(out.toFile());
            // The last row: mean A, mean B, mean C, the result; A - A + C is C.
            assertThat(tile(grid, 3, 3)).as("%s: A - A + C", run).isEqualTo(tile(grid, 3, 2));
            assertThat(tile(grid, 3, 2)).as("mean of one seed is that seed's image")
                    .isEqualTo(tile(grid, 2, 0));
            out = tmp.resolve(run.getFileName() + "-abb.png");
            r = Cli.run("arithmetic", "--run", run.toString(), "--a", "5", "--b", "6,7", "--c",
                    "6,7", "--out", out.toString());
            assertThat(r.code()).as(r.toString()).isZero();
            grid = ImageIO.read(out.toFile());
            assertThat(tile(grid, 3, 3)).as("%s: A - B + B", run).isEqualTo(tile(grid, 0, 0));
            assertThat(tile(grid, 3, 3)).as("and not B").isNotEqualTo(tile(grid, 1, 0));
        }
    }

    @Test
    void arithmeticMatchesTheImageThatSampleDrawsForASeed() throws IOException {
        Path out = tmp.resolve("one.png");
        Cli.Result r = Cli.run("arithmetic", "--run", dcgan.toString(), "--a", "11", "--b", "11",
                "--c", "11", "--out", out.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        Path sampled = tmp.resolve("sampled.png");
        r = Cli.run("sample", "--run", dcgan.toString(), "-n", "1", "--seed", "11", "--grid",
                sampled.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage one = ImageIO.read(sampled.toFile());
        assertThat(tile(one, 0, 0)).isEqualTo(tile(ImageIO.read(out.toFile()), 0, 0));
    }

    @Test
    void arithmeticOnImagesNeedsAnEncoder() {
        Cli.Result r = Cli.run("arithmetic", "--run", dcgan.toString(), "--a", "#0", "--b", "#1",
                "--c", "#2", "--out", tmp.resolve("z.png").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("images in a group need a model with an encoder");
    }
}
