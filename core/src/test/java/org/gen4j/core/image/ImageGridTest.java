package org.gen4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @TempDir
    Path dir;

    @Test
    void grayGridDecodesToExpectedSizeAndPixels() throws IOException {
        // 3 images of 2x3; image i has value v(i, y, x) = -1 + (i * 6 + y * 3 + x) / 8.5.
        int n = 3;
        int h = 2;
        int w = 3;
        float[] data = new float[n * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = -1f + i / 8.5f;
        }
        Path file = dir.resolve("sub/grid.png");
        ImageGrid.write(data, n, 1, h, w, file);

        BufferedImage img = ImageIO.read(file.toFile());
        // ceil(sqrt(3)) = 2 columns, 2 rows; padding 2.
        assertThat(img.getWidth()).isEqualTo(2 * (w + 2) + 2);
        assertThat(img.getHeight()).isEqualTo(2 * (h + 2) + 2);
        Raster r = img.getRaster();
        assertThat(r.getNumBands()).isEqualTo(1);
        for (int i = 0; i < n; i++) {
            int x0 = 2 + (i % 2) * (w + 2);
            int y0 = 2 + (i / 2) * (h + 2);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float v = data[i * h * w + y * w + x];
                    int expected = (int) Math.round((v + 1.0) * 127.5);
                    assertThat(r.getSample(x0 + x, y0 + y, 0))
                            .as("image %d at (%d, %d)", i, x, y).isEqualTo(expected);
                }
            }
        }
        // Padding and the empty fourth cell are black.
        assertThat(r.getSample(0, 0, 0)).isZero();
        assertThat(r.getSample(img.getWidth() - 1, img.getHeight() - 1, 0)).isZero();
        assertThat(r.getSample(2 + (w + 2), 2 + (h + 2), 0)).isZero();
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void endpointsAndClamping() throws IOException {
        float[] data = {-1f, 1f, 0f, -7f, 3.5f, Float.NaN, 0.999f, -0.999f};
        int[] expected = {0, 255, 128, 0, 255, 0, 255, 0};
        Path file = dir.resolve("clamp.png");
        ImageGrid.builder().optColumns(1).optPadding(0).build()
                .writePng(data, 1, 1, 2, 4, file);
        Raster r = ImageIO.read(file.toFile()).getRaster();
        for (int i = 0; i < data.length; i++) {
            assertThat(r.getSample(i % 4, i / 4, 0)).as("value %s", data[i])
                    .isEqualTo(expected[i]);
        }
        assertThat(ImageFiles.toByte(-1f)).isZero();
        assertThat(ImageFiles.toByte(1f)).isEqualTo(255);
        assertThat(ImageFiles.toByte(0f)).isEqualTo(128);
    }

    @Test
    void rgbGridWithScaleAndColumns() throws IOException {
        // 2 RGB images of 1x2: image 0 is red | green, image 1 is blue | white.
        float[] data = {
            1, -1, /* G */ -1, 1, /* B */ -1, -1,
            -1, 1, /* G */ -1, 1, /* B */ 1, 1,
        };
        Path file = dir.resolve("rgb.png");
        ImageGrid grid = ImageGrid.builder().optColumns(2).optScale(3).optPadding(1)
                .optPadValue(255).build();
        grid.writePng(data, 2, 3, 1, 2, file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(2 * (2 * 3 + 1) + 1);
        assertThat(img.getHeight()).isEqualTo(3 + 2);
        Raster r = img.getRaster();
        assertThat(r.getNumBands()).isEqualTo(3);
        assertThat(r.getPixel(0, 0, new int[3])).containsExactly(255, 255, 255);
        // Image 0 occupies x in [1, 7), each source pixel 3x3.
        for (int dy = 0; dy < 3; dy++) {
            for (int dx = 0; dx < 3; dx++) {
                assertThat(r.getPixel(1 + dx, 1 + dy, new int[3])).containsExactly(255, 0, 0);
                assertThat(r.getPixel(4 + dx, 1 + dy, new int[3])).containsExactly(0, 255, 0);
                assertThat(r.getPixel(8 + dx, 1 + dy, new int[3])).containsExactly(0, 0, 255);
                assertThat(r.getPixel(11 + dx, 1 + dy, new int[3]))
                        .containsExactly(255, 255, 255);
            }
        }
        assertThat(r.getPixel(7, 2, new int[3])).containsExactly(255, 255, 255);
    }

    @Test
    void defaultColumnsAreCeilSqrt() {
        ImageGrid grid = ImageGrid.builder().build();
        assertThat(grid.columnsFor(1)).isEqualTo(1);
        assertThat(grid.columnsFor(2)).isEqualTo(2);
        assertThat(grid.columnsFor(4)).isEqualTo(2);
        assertThat(grid.columnsFor(5)).isEqualTo(3);
        assertThat(grid.columnsFor(64)).isEqualTo(8);
        assertThat(grid.columnsFor(65)).isEqualTo(9);
        assertThat(ImageGrid.builder().optColumns(10).build().columnsFor(4)).isEqualTo(4);
        BufferedImage img = ImageGrid.builder().optColumns(3).build()
                .toBufferedImage(new float[7 * 4], 7, 1, 2, 2);
        assertThat(img.getWidth()).isEqualTo(3 * 4 + 2);
        assertThat(img.getHeight()).isEqualTo(3 * 4 + 2);
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        ImageGrid grid = ImageGrid.builder().build();
        assertThatThrownBy(() -> grid.toBufferedImage(new float[10], 2, 1, 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data length must be N*C*H*W = 2*1*2*3 = 12")
                .hasMessageContaining("got 10");
        assertThatThrownBy(() -> grid.toBufferedImage(new float[16], 2, 2, 2, 2))
                .hasMessageContaining("channels C must be 1 (gray) or 3 (RGB), got 2");
        assertThatThrownBy(() -> grid.toBufferedImage(new float[0], 0, 1, 2, 2))
                .hasMessageContaining("number of images N must be >= 1, got 0");
        assertThatThrownBy(() -> grid.toBufferedImage(new float[0], 1, 1, 0, 2))
                .hasMessageContaining("height H and width W must be >= 1, got H=0, W=2");
        assertThatThrownBy(() -> grid.toBufferedImage(null, 1, 1, 1, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("data is null");
        assertThatThrownBy(() -> ImageGrid.builder().optScale(0))
                .hasMessageContaining("scale must be in [1, 64], got 0");
        assertThatThrownBy(() -> ImageGrid.builder().optColumns(-1))
                .hasMessageContaining("columns must be >= 1, or 0 for automatic, got -1");
        assertThatThrownBy(() -> ImageGrid.builder().optPadding(-2))
                .hasMessageContaining("padding must be in [0, 64], got -2");
        assertThatThrownBy(() -> ImageGrid.builder().optPadValue(256))
                .hasMessageContaining("padValue must be in [0, 255], got 256");
        assertThatThrownBy(() -> ImageGrid.builder().optScale(64).build()
                .toBufferedImage(new float[64 * 64 * 64], 64, 1, 64, 64))
                .hasMessageContaining("more than the limit of 2^28 pixels");
    }

    @Test
    void singleImageFiles() throws IOException {
        // Two gray 2x2 images; write the second one.
        float[] data = {0, 0, 0, 0, -1, 1, 1, -1};
        Path file = dir.resolve("one.png");
        ImageFiles.writePng(data, 4, 1, 2, 2, file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(2);
        assertThat(img.getRaster().getPixels(0, 0, 2, 2, new int[4]))
                .containsExactly(0, 255, 255, 0);

        BufferedImage big = ImageFiles.toBufferedImage(data, 4, 1, 2, 2, 4);
        assertThat(big.getWidth()).isEqualTo(8);
        assertThat(big.getRaster().getSample(7, 0, 0)).isEqualTo(255);
        assertThat(big.getRaster().getSample(7, 7, 0)).isZero();

        assertThatThrownBy(() -> ImageFiles.writePng(data, 5, 1, 2, 2, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("image at offset 5 of shape (1, 2, 2) needs values [5, 9)"
                        + " but data has length 8");
        assertThatThrownBy(() -> ImageFiles.toBufferedImage(data, 0, 4, 1, 2))
                .hasMessageContaining("channels C must be 1 (gray) or 3 (RGB), got 4");
    }
}
