package org.gen4j.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.TestData;
import org.junit.jupiter.api.Test;

/** FID: zero on itself, converging to the closed form, order-free, and clear on bad input. */
class FidMetricTest {

    private static final FidMetric FID = new FidMetric(Options.empty("metric 'fid'"));

    static double fid(PointSet generated, PointSet reference) {
        return FID.compute(MetricInputs.builder()
                .optGeneratedFeatures(generated.named("generated features"))
                .optReferenceFeatures(reference.named("reference features"))
                .build()).value("fid");
    }

    @Test
    void aSetAgainstItselfScoresZero() {
        PointSet x = TestData.normal("x", 2000, 64, 0.5, 1);
        assertThat(fid(x, x)).isCloseTo(0.0, within(1e-10));
    }

    @Test
    void aLowRankSetAgainstItselfScoresZeroWithoutNaN() {
        // 200 samples in a 3-dimensional subspace of R^32 plus 1e-7 noise: the covariance has
        // condition about 1e14 and 29 eigenvalues at round-off level.
        Random r = new Random(4);
        double[][] basis = TestData.randomOrthogonal(32, 9);
        double[][] rows = new double[200][32];
        for (double[] row : rows) {
            double a = r.nextGaussian();
            double b = r.nextGaussian() * 10;
            double c = r.nextGaussian() * 0.1;
            for (int j = 0; j < 32; j++) {
                row[j] = a * basis[j][0] + b * basis[j][1] + c * basis[j][2]
                        + 1e-7 * r.nextGaussian();
            }
        }
        PointSet x = PointSet.of("x", rows);
        assertThat(fid(x, x)).isCloseTo(0.0, within(1e-9));
        PointSet shifted = TestData.shuffled(x, 2);
        double[][] moved = shifted.toRows();
        for (double[] row : moved) {
            row[0] += 0.5;
        }
        assertThat(fid(x, PointSet.of("y", moved))).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void dependsNotOnSampleOrder() {
        PointSet x = TestData.normal("x", 3000, 32, 0.0, 2);
        PointSet y = TestData.normal("y", 2500, 32, 0.3, 3);
        double a = fid(x, y);
        double b = fid(TestData.shuffled(x, 7), TestData.shuffled(y, 8));
        assertThat(a).isGreaterThan(1.0);
        assertThat(b).isCloseTo(a, within(1e-11 * a));
    }

    @Test
    void approachesTheClosedFormAsSamplesGrow() {
        // N(mu1, S) against N(mu2, c S): the covariances commute, so the distance is
        // |mu1 - mu2|^2 + tr(S) (1 - sqrt(c))^2 in closed form; S is a full (non-diagonal) matrix.
        int d = 6;
        double c = 2.25;
        double[][] l = new double[d][d];
        Random r = new Random(5);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                l[i][j] = r.nextGaussian() * 0.5;
            }
            l[i][i] = 1 + r.nextDouble();
        }
        double traceS = 0;
        for (int i = 0; i < d; i++) {
            for (int k = 0; k <= i; k++) {
                traceS += l[i][k] * l[i][k];
            }
        }
        double[][] l2 = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                l2[i][j] = Math.sqrt(c) * l[i][j];
            }
        }
        double[] mu1 = new double[d];
        double[] mu2 = new double[d];
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            mu2[i] = 0.2 * (i - 2);
            meanTerm += mu2[i] * mu2[i];
        }
        double closedForm = meanTerm + traceS * (1 - Math.sqrt(c)) * (1 - Math.sqrt(c));
        int[] sizes = {300, 3_000, 30_000, 300_000};
        double[] errors = new double[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            double err = 0;
            for (int rep = 0; rep < 3; rep++) {
                PointSet x = PointSet.of("x", TestData.gaussian(sizes[s], mu1, l, 100 + rep));
                PointSet y = PointSet.of("y", TestData.gaussian(sizes[s], mu2, l2, 200 + rep));
                err += Math.abs(fid(x, y) - closedForm) / 3;
            }
            errors[s] = err;
        }
        for (int s = 1; s < sizes.length; s++) {
            assertThat(errors[s]).as("mean |FID - closed form| at n = %d", sizes[s])
                    .isLessThan(errors[s - 1]);
        }
        assertThat(errors[sizes.length - 1] / closedForm).as("relative error at n = 300,000")
                .isLessThan(0.01);
    }

    @Test
    void fewerSamplesThanFeaturesSaysHowManyAreNeeded() {
        PointSet small = TestData.normal("x", 100, 128, 0, 1);
        PointSet big = TestData.normal("x", 500, 128, 0, 2);
        assertThatThrownBy(() -> fid(small, big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'fid': generated features: 100 samples of dimension 128, but "
                        + "the covariance has full rank only with at least d + 1 = 129 samples; "
                        + "give at least 129 (about 10,000 are usual: FID is biased upward for "
                        + "small sets)");
        assertThatThrownBy(() -> fid(big, TestData.normal("x", 128, 128, 0, 3)))
                .hasMessageContaining("reference features: 128 samples of dimension 128");
    }

    @Test
    void mismatchedDimensionsAndMissingInputsAreRejected() {
        assertThatThrownBy(() -> fid(TestData.normal("x", 50, 4, 0, 1),
                TestData.normal("x", 50, 5, 0, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'fid': generated features have dimension 4 but reference "
                        + "features have dimension 5; both must come from the same feature "
                        + "network");
        assertThatThrownBy(() -> FID.compute(MetricInputs.builder()
                .optGeneratedFeatures(TestData.normal("generated features", 50, 4, 0, 1))
                .build()))
                .hasMessage("metric 'fid' needs generated features, reference features; missing: "
                        + "reference features");
    }

    @Test
    void theResultRecordsCountsAndDimension() {
        MetricResult r = FID.compute(MetricInputs.builder()
                .optGeneratedFeatures(TestData.normal("generated features", 40, 3, 0, 1))
                .optReferenceFeatures(TestData.normal("reference features", 30, 3, 0, 2))
                .build());
        assertThat(r.metric()).isEqualTo("fid");
        assertThat(r.values()).containsOnlyKeys("fid");
        assertThat(r.details().keySet())
                .containsExactly("generated_count", "reference_count", "dimension");
        assertThat(r.details().values()).containsExactly(40, 30, 3);
    }

    @Test
    void rejectsOptions() {
        assertThatThrownBy(() -> new FidMetric(new Options("metric 'fid'", Map.of("k", 3))))
                .hasMessage("metric 'fid': unknown option [k]. Known options: []");
    }
}
