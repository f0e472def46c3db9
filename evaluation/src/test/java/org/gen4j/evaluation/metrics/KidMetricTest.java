package org.gen4j.evaluation.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.PolynomialMmd;
import org.gen4j.evaluation.stats.TestData;
import org.junit.jupiter.api.Test;

/** The kid metric passes its options and the inputs' seed to the estimator. */
class KidMetricTest {

    @Test
    void computesKidWithItsOptionsAndTheSeed() {
        var x = TestData.normal("generated features", 400, 8, 0, 1);
        var y = TestData.normal("reference features", 300, 8, 0.2, 2);
        KidMetric kid = new KidMetric(new Options("metric 'kid'",
                Map.of("subsets", 20, "subset-size", 100)));
        MetricResult r = kid.compute(MetricInputs.builder().optGeneratedFeatures(x)
                .optReferenceFeatures(y).optSeed(9).build());
        PolynomialMmd.Result expected = PolynomialMmd.kid(x, y, 20, 100, 9);
        assertThat(r.values()).containsExactly(Map.entry("kid_mean", expected.mean()),
                Map.entry("kid_std", expected.std()));
        assertThat(r.details()).containsEntry("subsets", 20).containsEntry("subset_size", 100)
                .containsEntry("generated_count", 400).containsEntry("reference_count", 300);
    }

    @Test
    void theDefaultSubsetSizeNeedsAThousandSamples() {
        var x = TestData.normal("generated features", 400, 8, 0, 1);
        KidMetric kid = new KidMetric(Options.empty("metric 'kid'"));
        assertThatThrownBy(() -> kid.compute(MetricInputs.builder().optGeneratedFeatures(x)
                .optReferenceFeatures(x.named("reference features")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric 'kid': generated features: 400 samples, but subset-size is "
                        + "1000: set option subset-size to at most 400 or give more samples");
        assertThatThrownBy(() -> new KidMetric(new Options("metric 'kid'",
                Map.of("subset-size", 1))))
                .hasMessage("metric 'kid': option 'subset-size' must be in [2, 1000000], got 1");
    }
}
