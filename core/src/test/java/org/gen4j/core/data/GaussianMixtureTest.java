package org.gen4j.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    /** Checks that each point lies near its labelled center with the right spread and balance. */
    static void checkStatistics(GaussianMixture g, double std) {
        double[][] c = g.centers();
        int k = c.length;
        int n = g.size();
        int[] counts = new int[k];
        double[] sumSq = new double[k];
        double[] sumX = new double[k];
        float[] p = new float[2];
        for (int i = 0; i < n; i++) {
            g.copySample(i, p, 0);
            int m = g.label(i);
            counts[m]++;
            double dx = p[0] - c[m][0];
            double dy = p[1] - c[m][1];
            sumX[m] += dx;
            sumSq[m] += dx * dx + dy * dy;
            assertThat(Math.sqrt(dx * dx + dy * dy)).isLessThan(6 * std);
        }
        for (int m = 0; m < k; m++) {
            assertThat(counts[m]).isBetween((int) (0.8 * n / k), (int) (1.2 * n / k));
            // Per-coordinate variance is std^2.
            assertThat(Math.sqrt(sumSq[m] / (2 * counts[m]))).isCloseTo(std, within(0.1 * std));
            assertThat(sumX[m] / counts[m]).isCloseTo(0, within(5 * std / Math.sqrt(counts[m])));
        }
    }

    @Test
    void ringHas8ModesOnRadius2() {
        SampleSet s = GaussianMixture.ringFactory().load(Options.empty("data"), 42);
        GaussianMixture g = (GaussianMixture) s;
        assertThat(g.size()).isEqualTo(10_000);
        assertThat(g.sampleShape()).isEqualTo(new Shape(2));
        assertThat(g.numClasses()).isEqualTo(8);
        assertThat(g.std()).isEqualTo(0.02);
        for (double[] c : g.centers()) {
            assertThat(Math.hypot(c[0], c[1])).isCloseTo(2.0, within(1e-12));
        }
        assertThat(g.centers()[0]).containsExactly(2.0, 0.0);
        assertThat(g.centers()[2][1]).isCloseTo(2.0, within(1e-12));
        checkStatistics(g, 0.02);
    }

    @Test
    void gridHas25ModesAtEvenCoordinates() {
        GaussianMixture g = (GaussianMixture) GaussianMixture.gridFactory()
                .load(new Options("data", Map.of("size", 20_000)), 7);
        assertThat(g.size()).isEqualTo(20_000);
        assertThat(g.numClasses()).isEqualTo(25);
        assertThat(g.std()).isEqualTo(0.05);
        for (double[] c : g.centers()) {
            assertThat(c[0]).isIn(-4.0, -2.0, 0.0, 2.0, 4.0);
            assertThat(c[1]).isIn(-4.0, -2.0, 0.0, 2.0, 4.0);
        }
        assertThat(g.centers()[0]).containsExactly(-4.0, -4.0);
        assertThat(g.centers()[24]).containsExactly(4.0, 4.0);
        checkStatistics(g, 0.05);
    }

    @Test
    void sameSeedSamePointsOtherSeedOtherPoints() {
        GaussianMixture a = GaussianMixture.ring(8, 2, 0.02, 100, 1);
        GaussianMixture b = GaussianMixture.ring(8, 2, 0.02, 100, 1);
        GaussianMixture c = GaussianMixture.ring(8, 2, 0.02, 100, 2);
        float[] pa = new float[200];
        float[] pb = new float[200];
        float[] pc = new float[200];
        for (int i = 0; i < 100; i++) {
            a.copySample(i, pa, 2 * i);
            b.copySample(i, pb, 2 * i);
            c.copySample(i, pc, 2 * i);
        }
        assertThat(pa).isEqualTo(pb);
        assertThat(pa).isNotEqualTo(pc);
    }

    @Test
    void optionsAreRangeChecked() {
        Options std = new Options("data 'gaussian-ring-8'", Map.of("std", 0.1, "size", 50));
        GaussianMixture g = (GaussianMixture) GaussianMixture.ringFactory().load(std, 3);
        assertThat(g.std()).isEqualTo(0.1);
        assertThat(g.size()).isEqualTo(50);
        assertThatThrownBy(() -> GaussianMixture.ringFactory()
                .load(new Options("data 'gaussian-ring-8'", Map.of("size", 0)), 1))
                .hasMessageContaining("'size' must be in [1, 10000000], got 0");
        assertThatThrownBy(() -> GaussianMixture.gridFactory()
                .load(new Options("data", Map.of("sigma", 1)), 1))
                .hasMessageContaining("unknown option [sigma]");
        assertThatThrownBy(() -> new GaussianMixture("x", new double[][] {{0, 0}, {1}}, 1, 1, 1))
                .hasMessageContaining("center 1 has dimension 1 but center 0 has 2");
    }
}
