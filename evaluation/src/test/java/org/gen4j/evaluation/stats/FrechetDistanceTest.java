package org.gen4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gen4j.core.metric.PointSet;
import org.junit.jupiter.api.Test;

/** The Frechet distance between Gaussians against closed forms, and the Gaussian fit. */
class FrechetDistanceTest {

    @Test
    void equalsTheClosedFormForTwoNonCommuting2dGaussians() {
        double[] mu1 = {1.0, -2.0};
        double[] mu2 = {0.5, 0.0};
        double[][] s1 = {{2.0, 0.7}, {0.7, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 3.0}};
        // tr sqrt(S1 S2) from the eigenvalues of the 2 x 2 product, written out by hand.
        double a = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0];
        double d = s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0])
                * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
        double cross = Math.sqrt(a + d + 2 * Math.sqrt(det));
        double expected = 0.25 + 4.0 + 3.0 + 3.5 - 2 * cross;
        assertThat(FrechetDistance.ofGaussians(mu1, s1, mu2, s2))
                .isCloseTo(expected, within(1e-13));
    }

    @Test
    void equalsTheClosedFormForDiagonalCovariances() {
        // Commuting covariances: d^2 = |mu1 - mu2|^2 + sum_i (sigma1_i - sigma2_i)^2.
        int n = 16;
        double[] mu1 = new double[n];
        double[] mu2 = new double[n];
        double[][] s1 = new double[n][n];
        double[][] s2 = new double[n][n];
        double expected = 0;
        for (int i = 0; i < n; i++) {
            mu1[i] = i * 0.1;
            mu2[i] = -i * 0.05;
            double sd1 = 1 + i;
            double sd2 = 0.5 + i * i * 0.1;
            s1[i][i] = sd1 * sd1;
            s2[i][i] = sd2 * sd2;
            expected += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]) + (sd1 - sd2) * (sd1 - sd2);
        }
        assertThat(FrechetDistance.ofGaussians(mu1, s1, mu2, s2))
                .isCloseTo(expected, within(1e-10 * expected));
    }

    @Test
    void isZeroForEqualSingularGaussians() {
        double[][] q = TestData.randomOrthogonal(12, 5);
        double[] values = {9, 4, 1, 1e-3, 1e-9, 0, 0, 0, 0, 0, 0, 0};
        double[][] s = TestData.withEigenvalues(q, values);
        double[] mu = new double[12];
        assertThat(FrechetDistance.ofGaussians(mu, s, mu.clone(), s)).isCloseTo(0, within(1e-12));
    }

    @Test
    void theFitHasTheSampleMeanAndTheUnbiasedCovariance() {
        PointSet set = PointSet.of("x", new double[][] {{1, 2}, {3, 6}, {5, 4}});
        GaussianFit fit = GaussianFit.of(set);
        assertThat(fit.mean()).containsExactly(3, 4);
        // Centred: (-2, -2), (0, 2), (2, 0); sums of products / (n - 1) = / 2.
        assertThat(fit.covariance()[0][0]).isEqualTo(4.0);
        assertThat(fit.covariance()[1][1]).isEqualTo(4.0);
        assertThat(fit.covariance()[0][1]).isEqualTo(2.0);
        assertThat(fit.covariance()[1][0]).isEqualTo(2.0);
        assertThat(fit.count()).isEqualTo(3);
    }

    private static PointSet features(int n, int d, double a, double b, double shift) {
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = Math.sin(i * a + j * 1.3) + 0.1 * Math.cos(i * j * b) + 0.01 * j + shift;
            }
        }
        return PointSet.of("features", x);
    }

    @Test
    void matchesTheReferenceImplementationOnFixedFeatures() {
        // pytorch-fid's calculate_frechet_distance (numpy.cov, scipy.linalg.sqrtm of S1 S2, real
        // part) on the same features, computed with NumPy 2.4 and SciPy 1.17.
        double reference = 0.025987769557302087;
        double fid = FrechetDistance.between(GaussianFit.of(features(300, 10, 0.37, 0.01, 0)),
                GaussianFit.of(features(250, 10, 0.41, 0.02, 0.05)));
        assertThat(fid).isCloseTo(reference, within(1e-10));
    }
}
