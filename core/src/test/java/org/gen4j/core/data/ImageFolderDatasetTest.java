package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path dir;

    static Path grey(Path file, int h, int w, int value) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (value + x + y) & 0xFF);
            }
        }
        return write(img, file);
    }

    static Path rgb(Path file, int h, int w, int r, int g, int b) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return write(img, file);
    }

    static Path write(BufferedImage img, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        String format = name.endsWith(".png") ? "png" : "jpg";
        assertThat(ImageIO.write(img, format, file.toFile())).isTrue();
        return file;
    }

    static float px(int v) {
        return v / 127.5f - 1f;
    }

    @Test
    void classSubFoldersGiveSortedLabels() throws IOException {
        grey(dir.resolve("shirt/b.png"), 4, 5, 10);
        grey(dir.resolve("shirt/a.png"), 4, 5, 20);
        grey(dir.resolve("boot/x.png"), 4, 5, 30);
        Files.writeString(dir.resolve("boot/readme.txt"), "ignored");
        ImageFolderDataset set = ImageFolderDataset.builder().setRoot(dir).build();
        assertThat(set.size()).isEqualTo(3);
        assertThat(set.classNames()).containsExactly("boot", "shirt");
        assertThat(set.numClasses()).isEqualTo(2);
        assertThat(set.hasLabels()).isTrue();
        assertThat(set.sampleShape()).isEqualTo(new Shape(1, 4, 5));
        assertThat(set.file(0).getFileName().toString()).isEqualTo("x.png");
        assertThat(set.label(0)).isZero();
        assertThat(set.file(1).getFileName().toString()).isEqualTo("a.png");
        assertThat(set.label(1)).isEqualTo(1);
        assertThat(set.label(2)).isEqualTo(1);
        float[] x = new float[21];
        set.copySample(1, x, 1);
        assertThat(x[0]).isZero();
        assertThat(x[1]).isEqualTo(px(20));
        assertThat(x[1 + 5 + 2]).isEqualTo(px(23));
        assertThat(set.description()).contains("3 images").contains("2 classes");
    }

    @Test
    void imagesInTheRootHaveNoLabels() throws IOException {
        grey(dir.resolve("1.png"), 3, 3, 0);
        grey(dir.resolve("2.png"), 3, 3, 0);
        ImageFolderDataset set = ImageFolderDataset.builder().setRoot(dir).build();
        assertThat(set.hasLabels()).isFalse();
        assertThat(set.numClasses()).isZero();
        assertThat(set.size()).isEqualTo(2);
    }

    @Test
    void rgbImagesKeepThreeChannelsOrBecomeLuminance() throws IOException {
        rgb(dir.resolve("a.png"), 2, 3, 200, 100, 50);
        ImageFolderDataset color = ImageFolderDataset.builder().setRoot(dir).build();
        assertThat(color.sampleShape()).isEqualTo(new Shape(3, 2, 3));
        float[] x = new float[18];
        color.copySample(0, x, 0);
        assertThat(x[0]).isEqualTo(px(200));
        assertThat(x[6]).isEqualTo(px(100));
        assertThat(x[17]).isEqualTo(px(50));
        ImageFolderDataset grey = ImageFolderDataset.builder().setRoot(dir).optChannels(1).build();
        assertThat(grey.sampleShape()).isEqualTo(new Shape(1, 2, 3));
        float[] g = new float[6];
        grey.copySample(0, g, 0);
        // 0.299 * 200 + 0.587 * 100 + 0.114 * 50 = 124.2
        assertThat(g[0]).isEqualTo(px(124));
    }

    @Test
    void greyImagesBecomeRgbAndKeepTheirValues() throws IOException {
        grey(dir.resolve("a.png"), 2, 2, 77);
        ImageFolderDataset set = ImageFolderDataset.fromOptions(dir,
                new Options("data", Map.of("channels", 3)));
        assertThat(set.sampleShape()).isEqualTo(new Shape(3, 2, 2));
        float[] x = new float[12];
        set.copySample(0, x, 0);
        for (int c = 0; c < 3; c++) {
            assertThat(x[c * 4]).isEqualTo(px(77));
            assertThat(x[c * 4 + 3]).isEqualTo(px(79));
        }
    }

    @Test
    void jpegIsRead() throws IOException {
        rgb(dir.resolve("a.jpg"), 8, 8, 180, 180, 180);
        ImageFolderDataset set = ImageFolderDataset.builder().setRoot(dir).build();
        float[] x = new float[3 * 64];
        set.copySample(0, x, 0);
        assertThat((double) x[100]).isCloseTo(px(180), within(0.05));
    }

    @Test
    void wrongSizeNamesTheFileAndBothSizes() throws IOException {
        grey(dir.resolve("c/a.png"), 4, 4, 0);
        Path odd = grey(dir.resolve("c/b.png"), 6, 5, 0);
        assertThatThrownBy(() -> ImageFolderDataset.builder().setRoot(dir).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining(odd.toString())
                .hasMessageContaining("image is 6x5 (HxW) but the data set expects 4x4")
                .hasMessageContaining("resize=true");
    }

    @Test
    void resizeScalesToTheTargetSize() throws IOException {
        // A 4x4 image of 2x2 blocks: downscaling to 2x2 averages each block.
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        int[][] blocks = {{0, 200}, {100, 255}};
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                img.getRaster().setSample(x, y, 0, blocks[y / 2][x / 2]);
            }
        }
        write(img, dir.resolve("big.png"));
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.getRaster().setSample(x, y, 0, 90);
            }
        }
        write(flat, dir.resolve("flat.png"));
        ImageFolderDataset set = ImageFolderDataset.fromOptions(dir,
                new Options("data", Map.of("size", "2x2", "resize", "true")));
        assertThat(set.sampleShape()).isEqualTo(new Shape(1, 2, 2));
        float[] x = new float[4];
        set.copySample(0, x, 0);
        assertThat(x[0]).isEqualTo(px(0));
        assertThat(x[1]).isEqualTo(px(200));
        assertThat(x[2]).isEqualTo(px(100));
        assertThat(x[3]).isEqualTo(px(255));
        set.copySample(1, x, 0);
        assertThat(x).containsOnly(px(90));
        // Upscaling with the size taken from the first image.
        ImageFolderDataset up = ImageFolderDataset.builder().setRoot(dir).optResize(true).build();
        assertThat(up.sampleShape()).isEqualTo(new Shape(1, 4, 4));
        float[] u = new float[16];
        up.copySample(1, u, 0);
        assertThat(u).containsOnly(px(90));
    }

    @Test
    void corruptFileIsNamed() throws IOException {
        grey(dir.resolve("a.png"), 2, 2, 0);
        Path bad = dir.resolve("b.png");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> ImageFolderDataset.builder().setRoot(dir).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining(bad.toString())
                .hasMessageContaining("PNG and JPEG");
        Path truncated = dir.resolve("c.png");
        byte[] png = Files.readAllBytes(dir.resolve("a.png"));
        Files.delete(bad);
        Files.write(truncated, java.util.Arrays.copyOf(png, 40));
        assertThatThrownBy(() -> ImageFolderDataset.builder().setRoot(dir).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining(truncated.toString());
    }

    @Test
    void emptyAndMixedFoldersAreErrors() throws IOException {
        assertThatThrownBy(() -> ImageFolderDataset.builder().setRoot(dir).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("holds no images")
                .hasMessageContaining("the folder is empty");
        grey(dir.resolve("a.png"), 2, 2, 0);
        grey(dir.resolve("cls/b.png"), 2, 2, 0);
        assertThatThrownBy(() -> ImageFolderDataset.builder().setRoot(dir).build())
                .isInstanceOf(DataException.class)
                .hasMessageContaining("mixes images");
        assertThatThrownBy(() -> ImageFolderDataset.fromOptions(dir,
                new Options("data", Map.of("size", "big"))))
                .hasMessageContaining("option 'size' must be H or HxW");
        assertThatThrownBy(() -> ImageFolderDataset.fromOptions(dir,
                new Options("data", Map.of("channels", 2))))
                .hasMessageContaining("option 'channels' must be one of [1, 3], got '2'");
    }
}
