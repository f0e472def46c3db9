package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.PolynomialMmd;

/**
 * {@value #NAME}: the Kernel Inception Distance, the unbiased squared MMD between generated and
 * reference features with the kernel \( k(x, y) = (x \cdot y / d + 1)^3 \), averaged over random
 * subsets (Binkowski et al., "Demystifying MMD GANs", ICLR 2018).
 *
 * <p>Unlike FID it is unbiased: its expectation is 0 when both sets come from one distribution,
 * whatever the sample size, so single values can be slightly negative. See {@link PolynomialMmd}
 * for the estimator. The subsets are drawn without replacement from a stream derived from the
 * inputs' seed, so one seed gives one value.
 *
 * <p>Inputs: generated and reference features. Options: {@code subsets} (default
 * {@value #DEFAULT_SUBSETS}), {@code subset-size} (default {@value #DEFAULT_SUBSET_SIZE}, at most
 * the size of either set). Values: {@code kid_mean}, {@code kid_std} (population standard
 * deviation over subsets). Details: the options, {@code generated_count},
 * {@code reference_count}, {@code dimension}.
 */
public final class KidMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "kid";

    /** The default number of subsets, as in the reference code. */
    public static final int DEFAULT_SUBSETS = 100;

    /** The default subset size, as in the reference code. */
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    private final int subsets;
    private final int subsetSize;

    /** A KID metric with options {@code subsets} and {@code subset-size}. */
    public KidMetric(Options options) {
        super(NAME, MetricInput.GENERATED_FEATURES, MetricInput.REFERENCE_FEATURES);
        this.subsets = options.getInt("subsets", DEFAULT_SUBSETS, 1, 100_000);
        this.subsetSize = options.getInt("subset-size", DEFAULT_SUBSET_SIZE, 2, 1_000_000);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet generated = in.generatedFeatures();
        PointSet reference = in.referenceFeatures();
        checkSameDimension(generated, reference);
        PolynomialMmd.Result r = PolynomialMmd.kid(generated, reference, subsets, subsetSize,
                in.seed());
        return result(values("kid_mean", r.mean(), "kid_std", r.std()),
                "subsets", subsets,
                "subset_size", subsetSize,
                "generated_count", generated.size(),
                "reference_count", reference.size(),
                "dimension", generated.dimension());
    }
}
