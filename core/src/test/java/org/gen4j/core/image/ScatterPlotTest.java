package org.gen4j.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.gen4j.core.random.RandomStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterPlotTest {

    @TempDir
    Path dir;

    /** 8 Gaussians on a ring of radius 2, std 0.02, and their centres. */
    static float[][] ring(int n) {
        RandomStream rng = new RandomStream(7);
        float[] centres = new float[16];
        for (int k = 0; k < 8; k++) {
            centres[2 * k] = (float) (2 * Math.cos(2 * Math.PI * k / 8));
            centres[2 * k + 1] = (float) (2 * Math.sin(2 * Math.PI * k / 8));
        }
        float[] points = new float[2 * n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(8);
            points[2 * i] = (float) (centres[2 * k] + 0.02 * rng.nextGaussian());
            points[2 * i + 1] = (float) (centres[2 * k + 1] + 0.02 * rng.nextGaussian());
        }
        return new float[][] {points, centres};
    }

    @Test
    void writesPngOfConfiguredSizeWithPointsAndCentres() throws IOException {
        float[][] ring = ring(2000);
        Path file = dir.resolve("samples/epoch-001.png");
        ScatterPlot plot = ScatterPlot.builder().optRange(-3, 3, -3, 3).optCentres(ring[1])
                .optTitle("epoch 1, step 500").build();
        plot.writePng(ring[0], file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(480);
        assertThat(img.getHeight()).isEqualTo(480);
        // Plot area (52..468) x (28..440) maps [-3, 3]^2; the centre (2, 0) is at about
        // (52 + 5/6 * 416, 28 + 0.5 * 412) and must be red (a cross over the dots).
        int cx = Math.round(52 + 5f / 6 * 416);
        int cy = Math.round(28 + 0.5f * 412);
        int rgb = img.getRGB(cx, cy);
        assertThat((rgb >> 16) & 0xFF).isGreaterThan(150);
        assertThat(rgb & 0xFF).isLessThan(120);
        // Between modes, at the origin region off the axes, the background stays light.
        int bg = img.getRGB(Math.round(52 + 0.45f * 416), Math.round(28 + 0.45f * 412));
        assertThat(bg & 0xFF).isGreaterThan(200);
    }

    @Test
    void computedRangeIsSquareAroundThePoints() {
        ScatterPlot plot = ScatterPlot.builder().build();
        double[] r = plot.rangeFor(new float[] {0, 0, 4, 2, Float.NaN, 100});
        assertThat(r[1] - r[0]).isCloseTo(4.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r[3] - r[2]).isCloseTo(4.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat((r[0] + r[1]) / 2).isEqualTo(2.0);
        assertThat((r[2] + r[3]) / 2).isEqualTo(1.0);
        // One point, or only non-finite points, still give a usable range.
        double[] one = plot.rangeFor(new float[] {5, 5});
        assertThat(one[1]).isGreaterThan(one[0]);
        double[] none = plot.rangeFor(new float[] {Float.NaN, 1});
        assertThat(none).containsExactly(-1, 1, -1, 1);
        BufferedImage img = plot.toBufferedImage(new float[] {Float.NaN, 1, 0, 0, 1, 1});
        assertThat(img.getWidth()).isEqualTo(480);
    }

    @Test
    void badInputsAreRejectedWithClearMessages() {
        ScatterPlot plot = ScatterPlot.builder().build();
        assertThatThrownBy(() -> plot.toBufferedImage(new float[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("points must be (N, 2) row-major with N >= 1")
                .hasMessageContaining("got length 3");
        assertThatThrownBy(() -> plot.toBufferedImage(new float[0]))
                .hasMessageContaining("got length 0");
        assertThatThrownBy(() -> ScatterPlot.builder().optRange(1, 1, 0, 1))
                .hasMessageContaining("x range must be finite with xMax > xMin, got [1.0, 1.0]");
        assertThatThrownBy(() -> ScatterPlot.builder().optRange(0, 1, 0, Double.NaN))
                .hasMessageContaining("y range must be finite");
        assertThatThrownBy(() -> ScatterPlot.builder().optCentres(new float[] {0, Float.NaN}))
                .hasMessageContaining("centres must be finite, got NaN at index 1 (centre 0)");
        assertThatThrownBy(() -> ScatterPlot.builder().optSize(100, 480))
                .hasMessageContaining("width and height must be in [160, 4096], got 100 x 480");
    }
}
