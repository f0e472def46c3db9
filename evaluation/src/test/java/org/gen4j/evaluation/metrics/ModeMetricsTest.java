package org.gen4j.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gen4j.core.data.GaussianMixture;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.MixtureModes;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** Mode coverage and the high-quality share on the 2D mixtures of the mode-collapse literature. */
class ModeMetricsTest {

    private static MetricResult run(AbstractMetric metric, PointSet points, MixtureModes modes) {
        return metric.compute(MetricInputs.builder().optPoints(points).optMixtureModes(modes)
                .build());
    }

    private static PointSet pointsOf(GaussianMixture mixture) {
        float[] v = new float[mixture.size() * 2];
        for (int i = 0; i < mixture.size(); i++) {
            mixture.copySample(i, v, i * 2);
        }
        return PointSet.ofFloats("generated points", v, mixture.size(), 2);
    }

    @Test
    void samplesOfTheMixtureCoverEveryModeWithTheGaussianHighQualityShare() {
        GaussianMixture grid = GaussianMixture.grid(5, 2.0, 0.05, 20_000, 3);
        MixtureModes modes = MixtureModes.of(grid);
        MetricResult coverage = run(new ModeCoverageMetric(Options.empty("m")), pointsOf(grid),
                modes);
        assertThat(coverage.value("modes_covered")).isEqualTo(25.0);
        assertThat(coverage.value("mode_coverage")).isEqualTo(1.0);
        assertThat(coverage.details()).containsEntry("min_count_used", 160);
        // For a 2D Gaussian, P(|x - c| <= 3 std) = 1 - exp(-9/2); the share is a binomial mean.
        double p = 1 - Math.exp(-4.5);
        double se = Math.sqrt(p * (1 - p) / 20_000);
        double share = run(new HighQualityShareMetric(Options.empty("m")), pointsOf(grid), modes)
                .value("high_quality_share");
        assertThat(Math.abs(share - p)).as("|share - %s| vs 4 standard errors", p)
                .isLessThan(4 * se);
    }

    @Test
    void aCollapsedGeneratorCoversOnlyItsModes() {
        MixtureModes ring = new MixtureModes(GaussianMixture.ringCenters(8, 2.0), 0.02);
        double[][] centers = ring.centers();
        Random r = new Random(1);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            int m = i % 3; // modes 0, 1, 2 only
            pts.add(new double[] {centers[m][0] + 0.02 * r.nextGaussian(),
                centers[m][1] + 0.02 * r.nextGaussian()});
        }
        // 8 points near mode 5: fewer than 0.8% of 1008 (8.06), so mode 5 is not covered.
        for (int i = 0; i < 8; i++) {
            pts.add(centers[5].clone());
        }
        PointSet points = PointSet.of("generated points", pts.toArray(double[][]::new));
        MetricResult r1 = run(new ModeCoverageMetric(Options.empty("m")), points, ring);
        assertThat(r1.value("modes_covered")).isEqualTo(3.0);
        assertThat(r1.value("mode_coverage")).isEqualTo(3.0 / 8);
        // With an absolute count of 5, 8 points are enough.
        MetricResult r2 = run(new ModeCoverageMetric(new Options("m",
                Map.of("min-count", 5, "min-share", 0))), points, ring);
        assertThat(r2.value("modes_covered")).isEqualTo(4.0);
    }

    @Test
    void pointsFarFromEveryModeAreNotHighQuality() {
        MixtureModes ring = new MixtureModes(GaussianMixture.ringCenters(8, 2.0), 0.02);
        // 3 std = 0.06 from the center: the first point is just inside, the second just outside.
        double[][] c = ring.centers();
        PointSet points = PointSet.of("generated points", new double[][] {
            {c[0][0] + 0.0599, c[0][1]}, {c[0][0] + 0.0601, c[0][1]}, {0, 0}, {10, 10}});
        MetricResult r = run(new HighQualityShareMetric(Options.empty("m")), points, ring);
        assertThat(r.value("high_quality_share")).isEqualTo(0.25);
        assertThat(r.details()).containsEntry("high_quality_count", 1);
    }

    @Test
    void mismatchedDimensionsAreRejected() {
        MixtureModes ring = new MixtureModes(GaussianMixture.ringCenters(8, 2.0), 0.02);
        PointSet points = PointSet.of("generated points", new double[][] {{1, 2, 3}});
        assertThatThrownBy(() -> run(new ModeCoverageMetric(Options.empty("m")), points, ring))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'mode-coverage': generated points have dimension 3 but the "
                        + "mixture's centers have dimension 2");
    }
}
