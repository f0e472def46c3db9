package org.gen4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The PSD square root squares back to its input, also when ill-conditioned or singular. */
class PsdMatricesTest {

    private static void assertSymmetricPsdRootOf(double[][] root, double[][] a, double relTol) {
        for (int i = 0; i < root.length; i++) {
            for (int j = 0; j < root.length; j++) {
                assertThat(Double.isFinite(root[i][j])).as("entry (%d, %d) finite", i, j).isTrue();
                assertThat(root[i][j]).as("symmetry at (%d, %d)", i, j).isEqualTo(root[j][i]);
            }
        }
        double err = TestData.frobeniusDistance(TestData.multiply(root, root), a);
        assertThat(err / TestData.frobenius(a)).as("|R R - A| / |A|").isLessThan(relTol);
        double[] eig = PsdMatrices.eigenvalues(root);
        double max = Arrays.stream(eig).max().orElseThrow();
        assertThat(Arrays.stream(eig).min().orElseThrow()).as("smallest eigenvalue of R")
                .isGreaterThanOrEqualTo(-1e-12 * max);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e10, 1e12, 1e15})
    void squaresBackToAnIllConditionedMatrix(double condition) {
        int n = 40;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.pow(condition, -i / (double) (n - 1)); // 1 down to 1/condition
        }
        double[][] q = TestData.randomOrthogonal(n, 11);
        double[][] a = TestData.withEigenvalues(q, values);
        double[][] root = PsdMatrices.sqrt(a);
        assertSymmetricPsdRootOf(root, a, 1e-13);
        // And it is the principal root: close to Q diag(sqrt(l)) Q^T. The sqrt is only
        // Hoelder-continuous at 0, so this holds to about sqrt(eps), not eps.
        double[] roots = Arrays.stream(values).map(Math::sqrt).toArray();
        double[][] exact = TestData.withEigenvalues(q, roots);
        assertThat(TestData.frobeniusDistance(root, exact) / TestData.frobenius(exact))
                .isLessThan(1e-6);
    }

    @Test
    void squaresBackToARankDeficientMatrixWithoutNaN() {
        // B B^T with B 30 x 4: rank 4, and its computed eigenvalues include round-off negatives.
        Random r = new Random(3);
        int n = 30;
        double[][] b = new double[n][4];
        for (double[] row : b) {
            for (int j = 0; j < 4; j++) {
                row[j] = r.nextGaussian() * 1e3;
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += b[i][k] * b[j][k];
                }
                a[i][j] = s;
            }
        }
        double[] eig = PsdMatrices.eigenvalues(a);
        assertThat(Arrays.stream(eig).min().orElseThrow())
                .as("this input exercises the clamping of negative round-off")
                .isNegative();
        double[][] root = PsdMatrices.sqrt(a);
        assertSymmetricPsdRootOf(root, a, 1e-13);
        assertThat(PsdMatrices.traceSqrt(a)).isFinite();
    }

    @Test
    void theZeroMatrixHasTheZeroRoot() {
        assertThat(PsdMatrices.sqrt(new double[3][3])).isDeepEqualTo(new double[3][3]);
    }

    @Test
    void matchesTheClosedFormOfA2x2Root() {
        // For a 2 x 2 PSD M: sqrt(M) = (M + s I) / t with s = sqrt(det M), t = sqrt(tr M + 2 s).
        double[][] m = {{4, 1.5}, {1.5, 2}};
        double s = Math.sqrt(4 * 2 - 1.5 * 1.5);
        double t = Math.sqrt(4 + 2 + 2 * s);
        double[][] root = PsdMatrices.sqrt(m);
        assertThat(root[0][0]).isCloseTo((4 + s) / t, within(1e-14));
        assertThat(root[0][1]).isCloseTo(1.5 / t, within(1e-14));
        assertThat(root[1][1]).isCloseTo((2 + s) / t, within(1e-14));
        assertThat(PsdMatrices.traceSqrt(m)).isCloseTo(t, within(1e-14));
    }

    @Test
    void traceSqrtOfProductMatchesThe2x2ClosedForm() {
        // S1 S2 has real positive eigenvalues l1, l2; tr sqrt(S1 S2) = sqrt(l1) + sqrt(l2)
        // = sqrt(tr(S1 S2) + 2 sqrt(det(S1 S2))). The matrices do not commute.
        double[][] s1 = {{2.0, 0.7}, {0.7, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 3.0}};
        double[][] p = TestData.multiply(s1, s2);
        double det = p[0][0] * p[1][1] - p[0][1] * p[1][0];
        double expected = Math.sqrt(p[0][0] + p[1][1] + 2 * Math.sqrt(det));
        assertThat(PsdMatrices.traceSqrtOfProduct(s1, s2)).isCloseTo(expected, within(1e-14));
        assertThat(PsdMatrices.traceSqrtOfProduct(s2, s1)).isCloseTo(expected, within(1e-14));
    }

    @Test
    void badMatricesAreRejectedWithTheReason() {
        assertThatThrownBy(() -> PsdMatrices.sqrt(new double[][] {{1, 2}, {2, 1}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("matrix: not positive semi-definite: eigenvalue -0.99999")
                .hasMessageContaining("largest magnitude 2.99999");
        assertThatThrownBy(() -> PsdMatrices.sqrt(new double[][] {{1, 0.5}, {0.4, 1}}))
                .hasMessageStartingWith("matrix: not symmetric: entries (0, 1) and (1, 0) differ");
        assertThatThrownBy(() -> PsdMatrices.sqrt(new double[][] {{1, 0}, {0}}))
                .hasMessage("matrix: row 1 has 1 entries but the matrix has 2 rows; a square "
                        + "matrix is needed");
        assertThatThrownBy(() -> PsdMatrices.sqrt(new double[][] {{Double.NaN}}))
                .hasMessage("matrix: entry (0, 0) is NaN; every entry must be finite");
        assertThatThrownBy(() -> PsdMatrices.sqrt(new double[0][]))
                .hasMessageContaining("empty (0 x 0)");
        assertThatThrownBy(() -> PsdMatrices.traceSqrtOfProduct(new double[2][2], new double[3][3]))
                .hasMessage("covariances of different sizes: 2 x 2 and 3 x 3");
    }

    @Test
    void aZeroCovarianceGivesAFiniteTraceRoot() {
        double[][] zero = new double[3][3];
        double[][] id = {{1, 0, 0}, {0, 4, 0}, {0, 0, 9}};
        org.assertj.core.api.Assertions.assertThat(PsdMatrices.traceSqrtOfProduct(zero, id))
                .isEqualTo(0.0);
        org.assertj.core.api.Assertions.assertThat(PsdMatrices.traceSqrtOfProduct(id, zero))
                .isEqualTo(0.0);
    }

    @Test
    void jacobiFallbackReconstructsItsInput() {
        java.util.Random r = new java.util.Random(3);
        int n = 12;
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = r.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < 4; k++) { // rank 4
                    a[i][j] += b[i][k] * b[j][k];
                }
            }
        }
        PsdMatrices.Eigen e = PsdMatrices.jacobi(a);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = 0;
                for (int k = 0; k < n; k++) {
                    x += e.vectors()[i][k] * e.values()[k] * e.vectors()[j][k];
                }
                org.assertj.core.api.Assertions.assertThat(x)
                        .isCloseTo(a[i][j], org.assertj.core.data.Offset.offset(1e-10));
            }
        }
    }
}
