package org.gen4j.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gen4j.core.metric.Metric;
import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.spi.Gen4j;
import org.gen4j.core.spi.PluginKind;
import org.gen4j.core.spi.Registry;
import org.gen4j.core.util.Options;
import org.junit.jupiter.api.Test;

/** Metrics are found by name through the registry of every plugin on the class path. */
class MetricsRegistryTest {

    private static final Registry REGISTRY = Gen4j.registry();

    @Test
    void everyMetricIsRegisteredUnderItsName() {
        assertThat(REGISTRY.all(PluginKind.METRIC)).containsOnlyKeys("bits-per-dim",
                "classifier-score", "conditional-accuracy", "density-coverage", "fid",
                "high-quality-share", "kid", "mode-coverage", "nll", "precision-recall", "psnr",
                "ssim");
    }

    @Test
    void anUnknownMetricNamesTheKnownOnes() {
        assertThatThrownBy(() -> REGISTRY.metric("fdi"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown metric 'fdi'. Known metrics: [bits-per-dim, "
                        + "classifier-score, conditional-accuracy, density-coverage, fid, "
                        + "high-quality-share, kid, mode-coverage, nll, precision-recall, psnr, "
                        + "ssim]");
    }

    @Test
    void aMetricFoundByNameComputesFromItsInputs() {
        Metric fid = REGISTRY.metric("fid").create(Options.empty("metric 'fid'"));
        assertThat(fid.inputs()).containsExactly(MetricInput.GENERATED_FEATURES,
                MetricInput.REFERENCE_FEATURES);
        PointSet x = PointSet.of("generated features", new double[][] {{0, 0}, {1, 0}, {0, 1},
            {1, 1}});
        PointSet y = PointSet.of("reference features", new double[][] {{2, 0}, {3, 0}, {2, 1},
            {3, 1}});
        // Same covariance, means 2 apart: FID = 4.
        assertThat(fid.compute(MetricInputs.builder().optGeneratedFeatures(x)
                .optReferenceFeatures(y).build()).value("fid")).isCloseTo(4.0,
                org.assertj.core.api.Assertions.within(1e-12));
    }
}
