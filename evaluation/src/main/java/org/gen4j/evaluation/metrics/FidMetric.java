package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.FrechetDistance;
import org.gen4j.evaluation.stats.GaussianFit;

/**
 * {@value #NAME}: the Frechet distance between Gaussians fitted to the features of the generated
 * and of the reference samples (Heusel et al., "GANs Trained by a Two Time-Scale Update Rule
 * Converge to a Local Nash Equilibrium", NeurIPS 2017).
 *
 * <p>\( \mathrm{FID} = \|\mu_g - \mu_r\|^2 + \mathrm{tr}(\Sigma_g) + \mathrm{tr}(\Sigma_r)
 * - 2\,\mathrm{tr}\big((\Sigma_g^{1/2} \Sigma_r \Sigma_g^{1/2})^{1/2}\big) \), with sample means
 * and unbiased ({@code n - 1}) covariances in double, and the square roots taken by symmetric
 * eigendecomposition with round-off negative eigenvalues clamped to 0 (see
 * {@link FrechetDistance} and {@link org.gen4j.evaluation.stats.PsdMatrices}). Lower is better;
 * a set against itself scores 0.
 *
 * <p>Each set needs more samples than the feature dimension ({@code n >= d + 1}) for a full-rank
 * covariance. FID is biased upward for small {@code n} (the bias falls roughly as {@code 1/n}), so
 * compare only values computed with equal sample counts and the same feature network; about
 * 10,000 samples per set are usual. Values depend on the feature network: gen4j's
 * {@code fashion-mnist-classifier} FIDs are not Inception FIDs.
 *
 * <p>Inputs: generated and reference features. Options: none. Values: {@code fid}. Details:
 * {@code generated_count}, {@code reference_count}, {@code dimension}.
 */
public final class FidMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "fid";

    /** A FID metric; it takes no options. */
    public FidMetric(Options options) {
        super(NAME, MetricInput.GENERATED_FEATURES, MetricInput.REFERENCE_FEATURES);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet generated = in.generatedFeatures();
        PointSet reference = in.referenceFeatures();
        checkSameDimension(generated, reference);
        checkEnoughSamples(generated);
        checkEnoughSamples(reference);
        double fid = FrechetDistance.between(GaussianFit.of(generated), GaussianFit.of(reference));
        return result(values("fid", fid),
                "generated_count", generated.size(),
                "reference_count", reference.size(),
                "dimension", generated.dimension());
    }

    private static void checkEnoughSamples(PointSet set) {
        int d = set.dimension();
        if (set.size() <= d) {
            throw new IllegalArgumentException(set.name() + ": " + set.size() + " samples of "
                    + "dimension " + d + ", but the covariance has full rank only with at least "
                    + "d + 1 = " + (d + 1) + " samples; give at least " + (d + 1)
                    + " (about 10,000 are usual: FID is biased upward for small sets)");
        }
    }
}
