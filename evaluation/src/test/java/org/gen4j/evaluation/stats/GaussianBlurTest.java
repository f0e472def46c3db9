package org.gen4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The blur against its closed form: a point becomes the sampled, normalised Gaussian. */
class GaussianBlurTest {

    @Test
    void aPointBecomesTheGaussianAndAConstantStaysConstant() {
        float[] point = new float[15 * 15];
        point[7 * 15 + 7] = 1;
        double sigma = 1.5;
        float[] b = GaussianBlur.apply(point, 15, 15, sigma);
        double norm = 0;
        for (int i = -5; i <= 5; i++) {
            norm += Math.exp(-i * i / (2 * sigma * sigma));
        }
        double total = 0;
        for (int y = 0; y < 15; y++) {
            for (int x = 0; x < 15; x++) {
                int dy = y - 7;
                int dx = x - 7;
                double g = Math.abs(dx) <= 5 && Math.abs(dy) <= 5
                        ? Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) / (norm * norm)
                        : 0;
                assertThat(b[y * 15 + x]).isCloseTo((float) g, within(1e-7f));
                total += b[y * 15 + x];
            }
        }
        assertThat(total).isCloseTo(1, within(1e-6));
        float[] constant = new float[2 * 6 * 5];
        Arrays.fill(constant, -0.25f);
        for (float v : GaussianBlur.apply(constant, 6, 5, 2)) {
            assertThat(v).isCloseTo(-0.25f, within(1e-6f));
        }
        assertThat(GaussianBlur.apply(point, 15, 15, 0)).containsExactly(point);
        assertThatThrownBy(() -> GaussianBlur.apply(point, 15, 15, -1))
                .hasMessageContaining("sigma must be a finite number >= 0");
        assertThatThrownBy(() -> GaussianBlur.apply(point, 14, 15, 1))
                .hasMessageContaining("are not planes of 14 x 15");
    }
}
