package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.KnnManifolds;

/**
 * {@value #NAME}: density and coverage (Naeem et al., "Reliable Fidelity and Diversity Metrics
 * for Generative Models", ICML 2020).
 *
 * <p>Only the reference samples get k-NN balls, which makes both robust to outliers among the
 * generated samples. Density counts, per generated sample, the reference balls that hold it,
 * averaged and divided by k: about 1 when the generated set follows the reference distribution.
 * Coverage is the share of reference balls holding at least one generated sample. See
 * {@link KnnManifolds} for the conventions.
 *
 * <p>Inputs: generated and reference features. Options: {@code k} (default {@value #DEFAULT_K},
 * as in the paper; the reference set needs at least {@code k + 1} samples). Values:
 * {@code density}, {@code coverage}. Details: {@code k}, {@code generated_count},
 * {@code reference_count}, {@code dimension}.
 */
public final class DensityCoverageMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "density-coverage";

    /** The paper's neighbourhood size. */
    public static final int DEFAULT_K = 5;

    private final int k;

    /** A density/coverage metric with option {@code k}. */
    public DensityCoverageMetric(Options options) {
        super(NAME, MetricInput.GENERATED_FEATURES, MetricInput.REFERENCE_FEATURES);
        this.k = options.getInt("k", DEFAULT_K, 1, 10_000);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet generated = in.generatedFeatures();
        PointSet reference = in.referenceFeatures();
        checkSameDimension(generated, reference);
        KnnManifolds.DensityCoverage dc = KnnManifolds.densityCoverage(reference, generated, k);
        return result(values("density", dc.density(), "coverage", dc.coverage()),
                "k", k,
                "generated_count", generated.size(),
                "reference_count", reference.size(),
                "dimension", generated.dimension());
    }
}
