package org.gen4j.evaluation.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.gen4j.core.metric.PointSet;
import org.junit.jupiter.api.Test;

/** k-NN radii, precision/recall and density/coverage against brute-force scalar versions. */
class KnnManifoldsTest {

    /** Squared distances written out; fma in coordinate order as the definition's sum. */
    private static double d2(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            double t = a[k] - b[k];
            s = Math.fma(t, t, s);
        }
        return s;
    }

    /** The k-th smallest distance to another point, by sorting every distance. */
    private static double[] bruteRadii(double[][] x, int k) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] d = new double[x.length - 1];
            int p = 0;
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    d[p++] = d2(x[i], x[j]);
                }
            }
            Arrays.sort(d);
            r[i] = d[k - 1];
        }
        return r;
    }

    private static double bruteShareInside(double[][] probes, double[][] centers, double[] radii) {
        int inside = 0;
        for (double[] p : probes) {
            for (int c = 0; c < centers.length; c++) {
                if (d2(p, centers[c]) <= radii[c]) {
                    inside++;
                    break;
                }
            }
        }
        return inside / (double) probes.length;
    }

    @Test
    void radiiMatchSortingEveryDistance() {
        // 203 points: blocks of 64 with a remainder, tiles of 4 x 2 with remainders, duplicates.
        double[][] x = TestData.normal("x", 203, 7, 0, 1).toRows();
        x[10] = x[20].clone();
        x[150] = x[20].clone();
        PointSet set = PointSet.of("x", x);
        for (int k : new int[] {1, 2, 3, 5, 202}) {
            assertThat(KnnManifolds.kthNeighbourSquaredDistances(set, k)).as("k = %d", k)
                    .containsExactly(bruteRadii(x, k));
        }
        // Two duplicates of point 20: its first two neighbours are at distance 0.
        assertThat(KnnManifolds.kthNeighbourSquaredDistances(set, 2)[20]).isZero();
        assertThat(KnnManifolds.kthNeighbourSquaredDistances(set, 3)[20]).isPositive();
    }

    @Test
    void precisionAndRecallMatchTheBruteForceDefinition() {
        PointSet real = TestData.normal("reference features", 301, 9, 0, 2);
        PointSet fake = TestData.normal("generated features", 257, 9, 0.4, 3);
        for (int k : new int[] {1, 3, 10}) {
            KnnManifolds.PrecisionRecall pr = KnnManifolds.precisionRecall(real, fake, k);
            double[][] x = real.toRows();
            double[][] y = fake.toRows();
            assertThat(pr.precision()).as("precision, k = %d", k)
                    .isEqualTo(bruteShareInside(y, x, bruteRadii(x, k)));
            assertThat(pr.recall()).as("recall, k = %d", k)
                    .isEqualTo(bruteShareInside(x, y, bruteRadii(y, k)));
            assertThat(pr.precision()).isStrictlyBetween(0.0, 1.0);
            assertThat(pr.recall()).isStrictlyBetween(0.0, 1.0);
        }
    }

    @Test
    void identicalSetsHavePrecisionAndRecallOne() {
        PointSet x = TestData.normal("reference features", 500, 16, 0, 4);
        KnnManifolds.PrecisionRecall pr = KnnManifolds.precisionRecall(x, x, 3);
        assertThat(pr.precision()).isEqualTo(1.0);
        assertThat(pr.recall()).isEqualTo(1.0);
        assertThat(KnnManifolds.densityCoverage(x, x, 5).coverage()).isEqualTo(1.0);
    }

    @Test
    void disjointSetsHavePrecisionAndRecallZero() {
        PointSet x = TestData.normal("reference features", 400, 16, 0, 5);
        PointSet y = TestData.normal("generated features", 300, 16, 100, 6);
        KnnManifolds.PrecisionRecall pr = KnnManifolds.precisionRecall(x, y, 3);
        assertThat(pr.precision()).isZero();
        assertThat(pr.recall()).isZero();
        KnnManifolds.DensityCoverage dc = KnnManifolds.densityCoverage(x, y, 5);
        assertThat(dc.density()).isZero();
        assertThat(dc.coverage()).isZero();
    }

    @Test
    void densityAndCoverageMatchTheBruteForceDefinition() {
        PointSet real = TestData.normal("reference features", 263, 5, 0, 7);
        PointSet fake = TestData.normal("generated features", 131, 5, 0.3, 8);
        int k = 5;
        double[][] x = real.toRows();
        double[][] y = fake.toRows();
        double[] radii = bruteRadii(x, k);
        long inside = 0;
        boolean[] covered = new boolean[x.length];
        for (double[] yj : y) {
            for (int i = 0; i < x.length; i++) {
                if (d2(yj, x[i]) <= radii[i]) {
                    inside++;
                    covered[i] = true;
                }
            }
        }
        int coveredCount = 0;
        for (boolean c : covered) {
            coveredCount += c ? 1 : 0;
        }
        KnnManifolds.DensityCoverage dc = KnnManifolds.densityCoverage(real, fake, k);
        assertThat(dc.density()).isEqualTo(inside / (double) (k * y.length));
        assertThat(dc.coverage()).isEqualTo(coveredCount / (double) x.length);
        assertThat(dc.density()).isPositive();
    }

    @Test
    void densityIsAboutOneForSamplesOfTheReferenceDistribution() {
        // Naeem et al.: E[density] = 1 when both sets follow one distribution.
        PointSet real = TestData.normal("reference features", 2000, 8, 0, 9);
        PointSet fake = TestData.normal("generated features", 2000, 8, 0, 10);
        KnnManifolds.DensityCoverage dc = KnnManifolds.densityCoverage(real, fake, 5);
        assertThat(dc.density()).isBetween(0.9, 1.1);
        // and coverage near its expectation 1 - 1/2^k (about 0.97 for k = 5)
        assertThat(dc.coverage()).isBetween(0.94, 0.99);
    }

    @Test
    void resultsDoNotDependOnSampleOrder() {
        PointSet real = TestData.normal("reference features", 700, 12, 0, 11);
        PointSet fake = TestData.normal("generated features", 650, 12, 0.2, 12);
        KnnManifolds.PrecisionRecall a = KnnManifolds.precisionRecall(real, fake, 3);
        KnnManifolds.PrecisionRecall b = KnnManifolds.precisionRecall(
                TestData.shuffled(real, 1), TestData.shuffled(fake, 2), 3);
        assertThat(b).isEqualTo(a);
        assertThat(KnnManifolds.densityCoverage(TestData.shuffled(real, 3),
                TestData.shuffled(fake, 4), 5))
                .isEqualTo(KnnManifolds.densityCoverage(real, fake, 5));
    }

    @Test
    void kMustBeBelowTheSetSize() {
        PointSet real = TestData.normal("reference features", 3, 2, 0, 1);
        PointSet fake = TestData.normal("generated features", 10, 2, 0, 2);
        assertThatThrownBy(() -> KnnManifolds.precisionRecall(real, fake, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reference features: 3 samples, but k = 3 nearest neighbours need at "
                        + "least k + 1 = 4 samples; lower option k or give more samples");
        assertThatThrownBy(() -> KnnManifolds.precisionRecall(fake, real, 3))
                .hasMessageStartingWith("reference features: 3 samples, but k = 3");
        assertThatThrownBy(() -> KnnManifolds.densityCoverage(
                TestData.normal("reference features", 10, 2, 0, 2),
                TestData.normal("generated features", 10, 3, 0, 2), 3))
                .hasMessage("generated features have dimension 3 but reference features have "
                        + "dimension 2; both must come from the same feature network");
        assertThatThrownBy(() -> KnnManifolds.kthNeighbourSquaredDistances(fake, 0))
                .hasMessage("k must be >= 1, got 0");
    }

    @Test
    void aPointExactlyOnABallsEdgeIsInside() {
        // A 5 x 5 integer grid: (2, 4) on the top edge has its 3 nearest neighbours at distance 1,
        // so its k = 3 ball has radius 1; (2, 5) lies exactly on that ball's edge and outside every
        // other ball (the top corners' radius is sqrt(2), but they are sqrt(5) away).
        double[][] grid = new double[25][];
        for (int i = 0; i < 25; i++) {
            grid[i] = new double[] {i / 5, i % 5};
        }
        PointSet real = PointSet.of("reference features", grid);
        PointSet probe = PointSet.of("generated features", new double[][] {{2, 5}});
        KnnManifolds.DensityCoverage dc = KnnManifolds.densityCoverage(real, probe, 3);
        assertThat(dc.coverage()).isEqualTo(1 / 25.0);
        assertThat(dc.density()).isEqualTo(1 / 3.0);
        PointSet probes = PointSet.of("generated features",
                new double[][] {{2, 5}, {2, 5.001}, {-1, 2}, {9, 9}});
        assertThat(KnnManifolds.precisionRecall(real, probes, 3).precision()).isEqualTo(0.5);
    }
}
