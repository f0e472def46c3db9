package org.gen4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.gen4j.core.metric.PointSet;
import org.junit.jupiter.api.Test;

/** The unbiased polynomial-kernel MMD and KID against scalar computations and their statistics. */
class PolynomialMmdTest {

    /** The kernel written out: (x.y / d + 1)^3. */
    private static double k(double[] x, double[] y) {
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return Math.pow(dot / x.length + 1, 3);
    }

    /** The estimator written out with plain loops; {@code biased} keeps the diagonal terms. */
    private static double scalarMmd2(double[][] x, double[][] y, boolean biased) {
        int m = x.length;
        int n = y.length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j || biased) {
                    xx += k(x[i], x[j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j || biased) {
                    yy += k(y[i], y[j]);
                }
            }
        }
        for (double[] xi : x) {
            for (double[] yj : y) {
                xy += k(xi, yj);
            }
        }
        return biased ? xx / ((double) m * m) + yy / ((double) n * n) - 2 * xy / ((double) m * n)
                : xx / ((double) m * (m - 1)) + yy / ((double) n * (n - 1))
                        - 2 * xy / ((double) m * n);
    }

    @Test
    void matchesTheScalarEstimatorOnAwkwardSizes() {
        // Sizes that are not multiples of the 4 x 2 tiles nor of the 256-column blocks.
        for (int[] size : new int[][] {{2, 3}, {5, 2}, {13, 11}, {259, 262}, {517, 301}}) {
            PointSet x = TestData.normal("x", size[0], 7, 0.1, size[0]);
            PointSet y = TestData.normal("y", size[1], 7, -0.2, size[1] + 1000);
            double expected = scalarMmd2(x.toRows(), y.toRows(), false);
            assertThat(PolynomialMmd.unbiasedMmd2(x, y)).as("sizes %s", Arrays.toString(size))
                    .isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
        }
        assertThat(PolynomialMmd.kernel(new double[] {1, 2}, new double[] {3, -1}))
                .isEqualTo(Math.pow(1.0 / 2 + 1, 3));
    }

    @Test
    void isUnbiasedForSamplesOfOneDistribution() {
        int trials = 600;
        double[] unbiased = new double[trials];
        double[] biased = new double[trials];
        for (int t = 0; t < trials; t++) {
            PointSet x = TestData.normal("x", 30, 3, 0, 10_000 + t);
            PointSet y = TestData.normal("y", 30, 3, 0, 20_000 + t);
            unbiased[t] = PolynomialMmd.unbiasedMmd2(x, y);
            biased[t] = scalarMmd2(x.toRows(), y.toRows(), true);
        }
        double mean = Arrays.stream(unbiased).average().orElseThrow();
        double se = standardError(unbiased);
        assertThat(Math.abs(mean)).as("|mean| of %d unbiased estimates vs 4 standard errors %s",
                trials, se).isLessThan(4 * se);
        assertThat(Arrays.stream(unbiased).filter(v -> v < 0).count())
                .as("estimates below 0").isGreaterThan(trials / 5);
        // The same check catches the biased (V-statistic) estimator: the test has power.
        double biasedMean = Arrays.stream(biased).average().orElseThrow();
        assertThat(biasedMean).isGreaterThan(4 * standardError(biased));
    }

    private static double standardError(double[] v) {
        double mean = Arrays.stream(v).average().orElseThrow();
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }

    @Test
    void kidIsNearZeroForOneDistributionAndPositiveForTwo() {
        PointSet x = TestData.normal("generated features", 2000, 16, 0, 1);
        PointSet y = TestData.normal("reference features", 2000, 16, 0, 2);
        PointSet z = TestData.normal("reference features", 2000, 16, 0.3, 3);
        PolynomialMmd.Result same = PolynomialMmd.kid(x, y, 50, 500, 7);
        PolynomialMmd.Result different = PolynomialMmd.kid(x, z, 50, 500, 7);
        assertThat(different.mean()).isGreaterThan(10 * different.std() / Math.sqrt(50));
        assertThat(Math.abs(same.mean())).isLessThan(0.02 * different.mean());
        assertThat(same.estimates()).hasSize(50);
        assertThat(Arrays.stream(same.estimates()).anyMatch(v -> v < 0)).isTrue();
        // The std is the population std of the per-subset estimates.
        double mean = Arrays.stream(same.estimates()).average().orElseThrow();
        double var = Arrays.stream(same.estimates()).map(v -> (v - mean) * (v - mean)).sum() / 50;
        assertThat(same.mean()).isEqualTo(mean);
        assertThat(same.std()).isCloseTo(Math.sqrt(var), within(1e-15));
    }

    @Test
    void aSeedGivesOneResultAndSubsetsAreDrawnWithoutReplacement() {
        PointSet x = TestData.normal("x", 300, 8, 0, 1);
        PointSet y = TestData.normal("y", 300, 8, 0.1, 2);
        PolynomialMmd.Result a = PolynomialMmd.kid(x, y, 10, 100, 42);
        PolynomialMmd.Result b = PolynomialMmd.kid(x, y, 10, 100, 42);
        PolynomialMmd.Result c = PolynomialMmd.kid(x, y, 10, 100, 43);
        assertThat(a.estimates()).isEqualTo(b.estimates());
        assertThat(a.estimates()).isNotEqualTo(c.estimates());
        // A subset as large as the set is the whole set, whatever the draw.
        PolynomialMmd.Result whole = PolynomialMmd.kid(x, y, 3, 300, 1);
        double full = PolynomialMmd.unbiasedMmd2(x, y);
        for (double e : whole.estimates()) {
            assertThat(e).isCloseTo(full, within(1e-12 * Math.abs(full)));
        }
    }

    @Test
    void aSubsetLargerThanASetSaysWhatToChange() {
        PointSet x = TestData.normal("generated features", 500, 4, 0, 1);
        PointSet y = TestData.normal("reference features", 800, 4, 0, 2);
        assertThatThrownBy(() -> PolynomialMmd.kid(x, y, 10, 1000, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("generated features: 500 samples, but subset-size is 1000: set option "
                        + "subset-size to at most 500 or give more samples");
        assertThatThrownBy(() -> PolynomialMmd.unbiasedMmd2(x,
                TestData.normal("reference features", 1, 4, 0, 2)))
                .hasMessage("reference features: 1 samples, but the unbiased estimate needs at "
                        + "least 2");
        assertThatThrownBy(() -> PolynomialMmd.kid(x, TestData.normal("reference features", 800, 3,
                0, 2), 10, 100, 1))
                .hasMessageContaining("generated features have dimension 4 but reference features "
                        + "have dimension 3");
    }

    @Test
    void largeSetsGiveTheSameResultInAnyThreadSplit() {
        PointSet x = TestData.normal("x", 1000, 32, 0, 1);
        PointSet y = TestData.normal("y", 1000, 32, 0.05, 2);
        double[] first = PolynomialMmd.kid(x, y, 8, 600, 5).estimates();
        for (int rep = 0; rep < 3; rep++) {
            assertThat(PolynomialMmd.kid(x, y, 8, 600, 5).estimates()).isEqualTo(first);
        }
    }
}
