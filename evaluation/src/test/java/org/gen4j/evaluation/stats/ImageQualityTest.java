package org.gen4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.gen4j.core.metric.ImageSet;
import org.junit.jupiter.api.Test;

/** PSNR and SSIM against closed forms, a direct 2D-window computation and scikit-image's recipe. */
class ImageQualityTest {

    private static ImageSet images(String name, float[] pixels, int n, int c, int h, int w) {
        return ImageSet.of(name, pixels, n, c, h, w);
    }

    private static float[] random(int size, long seed) {
        Random r = new Random(seed);
        float[] v = new float[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextFloat() * 2 - 1;
        }
        return v;
    }

    @Test
    void identicalImagesHaveInfinitePsnrAndSsimOne() {
        float[] x = random(2 * 3 * 16 * 16, 1);
        ImageSet a = images("generated images", x, 2, 3, 16, 16);
        ImageSet b = images("target images", x, 2, 3, 16, 16);
        assertThat(ImageQuality.psnr(a, b, 2.0)).containsExactly(Double.POSITIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        for (double s : ImageQuality.ssim(a, b, 2.0)) {
            assertThat(s).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void aConstantOffsetHasTheClosedFormPsnr() {
        // MSE = c^2, so PSNR = 20 log10(L / c).
        float[] x = random(3 * 20 * 20, 2);
        float[] y = new float[x.length];
        float c = 0.125f; // exact in binary, so x + c - x == c
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.round(x[i] * 64) / 64f;
            y[i] = x[i] + c;
        }
        double[] psnr = ImageQuality.psnr(images("g", y, 1, 3, 20, 20),
                images("t", x, 1, 3, 20, 20), 2.0);
        assertThat(psnr[0]).isCloseTo(20 * Math.log10(2.0 / 0.125), within(1e-12));
        double[] psnr255 = ImageQuality.psnr(images("g", y, 1, 3, 20, 20),
                images("t", x, 1, 3, 20, 20), 255.0);
        assertThat(psnr255[0]).isCloseTo(20 * Math.log10(255.0 / 0.125), within(1e-12));
    }

    @Test
    void constantImagesHaveTheClosedFormSsim() {
        // Constant images a and b: sigma terms vanish, SSIM = (2ab + C1) / (a^2 + b^2 + C1).
        float a = 0.5f;
        float b = -0.25f;
        float[] x = new float[15 * 12];
        float[] y = new float[x.length];
        java.util.Arrays.fill(x, a);
        java.util.Arrays.fill(y, b);
        double c1 = (0.01 * 2) * (0.01 * 2);
        double expected = (2.0 * a * b + c1) / (a * a + b * b + c1);
        double ssim = ImageQuality.ssim(images("g", x, 1, 1, 15, 12), images("t", y, 1, 1, 15, 12),
                2.0)[0];
        assertThat(ssim).isCloseTo(expected, within(1e-12));
    }

    @Test
    void ssimMatchesADirect2dWindowComputation() {
        int h = 17;
        int w = 14;
        float[] x = random(2 * h * w, 3);
        float[] y = random(2 * h * w, 4);
        for (int i = 0; i < x.length; i++) {
            y[i] = 0.7f * x[i] + 0.3f * y[i];
        }
        double[] g = ImageQuality.gaussianWindow();
        double c1 = 0.02 * 0.02;
        double c2 = 0.06 * 0.06;
        double total = 0;
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            int count = 0;
            for (int y0 = 0; y0 + 11 <= h; y0++) {
                for (int x0 = 0; x0 + 11 <= w; x0++) {
                    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
                    for (int u = 0; u < 11; u++) {
                        for (int v = 0; v < 11; v++) {
                            double wt = g[u] * g[v];
                            double a = x[(c * h + y0 + u) * w + x0 + v];
                            double b = y[(c * h + y0 + u) * w + x0 + v];
                            mx += wt * a;
                            my += wt * b;
                            sxx += wt * a * a;
                            syy += wt * b * b;
                            sxy += wt * a * b;
                        }
                    }
                    double vx = sxx - mx * mx;
                    double vy = syy - my * my;
                    double cxy = sxy - mx * my;
                    sum += (2 * mx * my + c1) * (2 * cxy + c2)
                            / ((mx * mx + my * my + c1) * (vx + vy + c2));
                    count++;
                }
            }
            total += sum / count;
        }
        double ssim = ImageQuality.ssim(images("g", x, 1, 2, h, w), images("t", y, 1, 2, h, w),
                2.0)[0];
        assertThat(ssim).isCloseTo(total / 2, within(1e-12));
        assertThat(ssim).isStrictlyBetween(0.0, 1.0);
    }

    @Test
    void matchesScikitImagesRecipeOnFixedImages() {
        // skimage.metrics.structural_similarity(gaussian_weights=True, sigma=1.5,
        // use_sample_covariance=False, data_range=2) per channel, written out with
        // scipy.ndimage.gaussian_filter (NumPy 2.4, SciPy 1.17), on the same float32 images.
        int h = 28;
        int w = 23;
        float[] g = new float[2 * h * w];
        float[] t = new float[g.length];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    double v = Math.sin(0.3 * i + 0.7 * j + c) * 0.8;
                    g[(c * h + i) * w + j] = (float) v;
                    t[(c * h + i) * w + j] = (float) (v + 0.15 * Math.cos(1.3 * i * j + c) - 0.05);
                }
            }
        }
        ImageSet gen = images("g", g, 1, 2, h, w);
        ImageSet tgt = images("t", t, 1, 2, h, w);
        assertThat(ImageQuality.ssim(gen, tgt, 2.0)[0]).isCloseTo(0.85801769734808753,
                within(1e-9));
        assertThat(ImageQuality.psnr(gen, tgt, 2.0)[0]).isCloseTo(24.756373342510631,
                within(1e-9));
    }

    @Test
    void badInputIsRejected() {
        ImageSet small = images("generated images", new float[10 * 10], 1, 1, 10, 10);
        assertThatThrownBy(() -> ImageQuality.ssim(small, small, 2.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ssim: images are 10 x 10 but the 11 x 11 Gaussian window needs images "
                        + "of at least 11 x 11");
        ImageSet a = images("generated images", new float[2 * 12 * 12], 2, 1, 12, 12);
        ImageSet b = images("target images", new float[12 * 12], 1, 1, 12, 12);
        assertThatThrownBy(() -> ImageQuality.psnr(a, b, 2.0))
                .hasMessage("generated images are 2 x (1, 12, 12) but target images are "
                        + "1 x (1, 12, 12); pairs need the same count and image shape");
        assertThatThrownBy(() -> ImageQuality.psnr(a, a, 0.0))
                .hasMessage("data-range must be finite and > 0 (2 for [-1, 1] images), got 0.0");
    }
}
