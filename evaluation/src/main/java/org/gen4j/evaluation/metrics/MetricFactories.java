package org.gen4j.evaluation.metrics;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.gen4j.core.metric.Metric;
import org.gen4j.core.metric.MetricFactory;
import org.gen4j.core.util.Options;

/** The factories of every metric of this module, as the plugin module registers them. */
public final class MetricFactories {

    private MetricFactories() {}

    /** One factory per metric, in a stable order. */
    public static List<MetricFactory> all() {
        return List.of(
                of(FidMetric.NAME, "Frechet distance between Gaussian fits of generated and "
                        + "reference features (Heusel et al. 2017); values fid", FidMetric::new),
                of(KidMetric.NAME, "Kernel distance: unbiased MMD^2, cubic polynomial kernel, "
                        + "over random subsets (Binkowski et al. 2018); options subsets, "
                        + "subset-size; values kid_mean, kid_std", KidMetric::new),
                of(PrecisionRecallMetric.NAME, "k-NN manifold precision and recall "
                        + "(Kynkaanniemi et al. 2019); option k (3); values precision, recall",
                        PrecisionRecallMetric::new),
                of(DensityCoverageMetric.NAME, "k-NN density and coverage of the reference "
                        + "manifold (Naeem et al. 2020); option k (5); values density, coverage",
                        DensityCoverageMetric::new),
                of(ClassifierScoreMetric.NAME, "Inception Score with the data set's classifier "
                        + "(Salimans et al. 2016); option splits (10); values "
                        + "classifier_score_mean, classifier_score_std",
                        ClassifierScoreMetric::new),
                of(ConditionalAccuracyMetric.NAME, "Share of conditional samples classified as "
                        + "their intended label; values accuracy", ConditionalAccuracyMetric::new),
                of(NllMetric.NAME, "Negative log-likelihood of held-out data in nats per sample "
                        + "(exact or an upper bound); option batch-size; values nll, "
                        + "nll_std_error", NllMetric::new),
                of(BitsPerDimMetric.NAME, "Negative log-likelihood of held-out data in bits per "
                        + "dimension; option batch-size; values bits_per_dim, "
                        + "bits_per_dim_std_error", BitsPerDimMetric::new),
                of(ModeCoverageMetric.NAME, "Modes of a 2D Gaussian mixture holding at least 1% "
                        + "of the samples within 3 std; options threshold-std, min-share, "
                        + "min-count; values modes_covered, mode_coverage",
                        ModeCoverageMetric::new),
                of(HighQualityShareMetric.NAME, "Share of samples within 3 std of their nearest "
                        + "mixture mode (VEEGAN); option threshold-std; values high_quality_share",
                        HighQualityShareMetric::new),
                of(PsnrMetric.NAME, "Peak signal-to-noise ratio of image pairs in dB; option "
                        + "data-range (2); values psnr, psnr_non_identical, identical_pairs",
                        PsnrMetric::new),
                of(SsimMetric.NAME, "Structural similarity of image pairs, 11x11 Gaussian window "
                        + "(Wang et al. 2004); option data-range (2); values ssim",
                        SsimMetric::new));
    }

    private static MetricFactory of(String name, String description,
            Function<Options, Metric> create) {
        return new SimpleMetricFactory(name, description, create);
    }

    private record SimpleMetricFactory(String name, String description,
            Function<Options, Metric> create) implements MetricFactory {

        SimpleMetricFactory {
            Objects.requireNonNull(name, "name is null");
            Objects.requireNonNull(description, "description is null");
            Objects.requireNonNull(create, "create is null");
        }

        @Override
        public Metric create(Options options) {
            return create.apply(Objects.requireNonNull(options, "options is null"));
        }
    }
}
