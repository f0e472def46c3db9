package org.gen4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.gen4j.core.data.IdxFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gen4j sample} and {@code gen4j interpolate} on a tiny DCGAN run. */
class SampleCommandTest {

    @TempDir
    static Path shared;

    private static Path run;

    @TempDir
    Path tmp;

    @BeforeAll
    static void trainTinyDcgan() {
        run = shared.resolve("dcgan");
        Cli.Result r = Cli.run("train", "--steps", "2", "--batch-size", "16",
                "--set", "model-options.width=8", "--no-progress", "--out", run.toString());
        assertThat(r.code()).as(r.toString()).isZero();
    }

    @Test
    void tinyDcganRunHasTheWholeLayout() {
        assertThat(run.resolve("spec.json")).content().contains("\"dcgan\"");
        assertThat(run.resolve("metrics.csv")).isRegularFile();
        assertThat(run.resolve("samples/epoch-001.png")).isRegularFile();
        assertThat(run.resolve("report.html")).isRegularFile();
        assertThat(run.resolve("checkpoints/latest")).content()
                .isEqualToIgnoringNewLines("step-00000002");
        TrainCommandTest.assertCompleteCheckpoint(run.resolve("checkpoints/step-00000002"));
    }

    @Test
    void sampleWritesAGridPngFilesAndAnIdxFile() throws IOException {
        Path grid = tmp.resolve("g.png");
        Path images = tmp.resolve("imgs");
        Path idx = tmp.resolve("s.idx");
        Cli.Result r = Cli.run("sample", "--run", run.toString(), "--n", "10",
                "--grid", grid.toString(), "--images", images.toString(), "--idx", idx.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).contains("10 samples from").contains("(step 2)");
        BufferedImage g = ImageIO.read(grid.toFile());
        assertThat(g).isNotNull();
        assertThat(g.getWidth()).isGreaterThan(56);
        try (Stream<Path> s = Files.list(images)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).hasSize(10)
                    .allMatch(n -> n.matches("sample-\\d{5}\\.png"))
                    .startsWith("sample-00000.png").endsWith("sample-00009.png");
        }
        BufferedImage one = ImageIO.read(images.resolve("sample-00003.png").toFile());
        assertThat(one.getWidth()).isEqualTo(28);
        assertThat(one.getHeight()).isEqualTo(28);
        IdxFiles.Images read = IdxFiles.readImages(idx);
        assertThat(read.count()).isEqualTo(10);
        assertThat(read.rows()).isEqualTo(28);
        assertThat(read.cols()).isEqualTo(28);
    }

    @Test
    void sampleFromACheckpointFolder() {
        Path grid = tmp.resolve("c.png");
        Cli.Result r = Cli.run("sample", "--run",
                run.resolve("checkpoints/step-00000002").toString(), "--n", "4",
                "--grid", grid.toString());
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(grid).isRegularFile();
    }

    @Test
    void interpolateWritesAGridOfTheRightSize() throws IOException {
        Path png = tmp.resolve("i.png");
        Cli.Result r = Cli.run("interpolate", "--run", run.toString(), "--rows", "2",
                "--steps", "3", "--out", png.toString());

        assertThat(r.code()).as(r.toString()).isZero();
        BufferedImage image = ImageIO.read(png.toFile());
        // 28-pixel images are drawn at scale 2, with 2 pixels of padding around every cell.
        assertThat(image.getWidth()).isEqualTo(3 * (28 * 2 + 2) + 2);
        assertThat(image.getHeight()).isEqualTo(2 * (28 * 2 + 2) + 2);
    }

    @Test
    void sampleWithoutCheckpointsFailsClearly() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Cli.Result r = Cli.run("sample", "--run", empty.toString(), "--grid",
                tmp.resolve("x.png").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("no checkpoint in " + empty)
                .contains("checkpoints/step-NNNNNNNN");
        assertThat(tmp.resolve("x.png")).doesNotExist();
    }

    @Test
    void badSampleArguments() {
        Cli.Result r = Cli.run("sample", "--run", run.toString(), "--n", "0");
        assertThat(r.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(r)).contains("--n must be in [1, 10000000], got 0");
        Cli.Result i = Cli.run("interpolate", "--run", run.toString(), "--steps", "1");
        assertThat(i.code()).isEqualTo(1);
        assertThat(TrainCommandTest.errorLine(i)).contains("--steps must be in [2, 256], got 1");
    }
}
