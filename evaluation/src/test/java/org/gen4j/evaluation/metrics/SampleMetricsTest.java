package org.gen4j.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.gen4j.core.metric.ImageSet;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.TestData;
import org.junit.jupiter.api.Test;

/** The feature, probability and image metrics as plugins: values, options and messages. */
class SampleMetricsTest {

    private static MetricInputs features(PointSet generated, PointSet reference) {
        return MetricInputs.builder()
                .optGeneratedFeatures(generated.named("generated features"))
                .optReferenceFeatures(reference.named("reference features"))
                .build();
    }

    @Test
    void precisionAndRecallAreOneForIdenticalSetsAndZeroForDisjointOnes() {
        PrecisionRecallMetric pr = new PrecisionRecallMetric(Options.empty("m"));
        PointSet x = TestData.normal("x", 300, 10, 0, 1);
        MetricResult same = pr.compute(features(x, x));
        assertThat(same.values()).containsExactly(Map.entry("precision", 1.0),
                Map.entry("recall", 1.0));
        assertThat(same.details()).containsEntry("k", 3);
        MetricResult apart = pr.compute(features(x, TestData.normal("y", 200, 10, 50, 2)));
        assertThat(apart.values()).containsExactly(Map.entry("precision", 0.0),
                Map.entry("recall", 0.0));
    }

    @Test
    void kAtLeastTheSetSizeIsRejectedNamingMetricSetAndOption() {
        PointSet x = TestData.normal("x", 5, 3, 0, 1);
        PointSet y = TestData.normal("y", 50, 3, 0, 2);
        assertThatThrownBy(() -> new DensityCoverageMetric(Options.empty("m"))
                .compute(features(y, x)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'density-coverage': reference features: 5 samples, but k = 5"
                        + " nearest neighbours need at least k + 1 = 6 samples; lower option k or"
                        + " give more samples");
        MetricResult dc = new DensityCoverageMetric(new Options("m", Map.of("k", 4)))
                .compute(features(y, x));
        assertThat(dc.value("coverage")).isBetween(0.0, 1.0);
    }

    @Test
    void classifierScoreAndConditionalAccuracy() {
        double[][] p = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};
        MetricInputs in = MetricInputs.builder()
                .optGeneratedProbabilities(PointSet.of("class probabilities", p))
                .optIntendedLabels(new int[] {0, 1, 1, 1})
                .build();
        MetricResult score = new ClassifierScoreMetric(new Options("m", Map.of("splits", 2)))
                .compute(in);
        assertThat(score.value("classifier_score_mean")).isCloseTo(2.0, within(1e-15));
        assertThat(score.value("classifier_score_std")).isCloseTo(0.0, within(1e-15));
        assertThat(new ConditionalAccuracyMetric(Options.empty("m")).compute(in)
                .value("accuracy")).isEqualTo(0.75);
        assertThatThrownBy(() -> new ClassifierScoreMetric(Options.empty("m")).compute(in))
                .hasMessageStartingWith("metric 'classifier-score': classifier-score: splits must"
                        + " be in [1, 4]");
    }

    @Test
    void psnrReportsIdenticalPairsExplicitly() {
        float[] x = new float[2 * 16];
        float[] y = new float[2 * 16];
        for (int i = 0; i < 16; i++) {
            x[i] = 0.5f;
            y[i] = 0.5f; // pair 0 identical
            x[16 + i] = 0.5f;
            y[16 + i] = 0.25f; // pair 1: MSE 1/16, PSNR = 10 log10(4 * 16)
        }
        MetricInputs in = MetricInputs.builder().optImagePairs(
                ImageSet.of("generated images", x, 2, 1, 4, 4),
                ImageSet.of("target images", y, 2, 1, 4, 4)).build();
        MetricResult r = new PsnrMetric(Options.empty("m")).compute(in);
        assertThat(r.value("psnr")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r.value("identical_pairs")).isEqualTo(1.0);
        assertThat(r.value("psnr_non_identical")).isCloseTo(10 * Math.log10(64), within(1e-12));
        assertThat(r.details()).containsEntry("data_range", 2.0).containsEntry("pairs", 2);
        assertThatThrownBy(() -> new SsimMetric(Options.empty("m")).compute(in))
                .hasMessage("metric 'ssim': ssim: images are 4 x 4 but the 11 x 11 Gaussian "
                        + "window needs images of at least 11 x 11");
    }
}
