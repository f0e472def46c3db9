package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.metric.PointSet;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.KnnManifolds;

/**
 * {@value #NAME}: improved precision and recall (Kynkaanniemi et al., "Improved Precision and
 * Recall Metric for Assessing Generative Models", NeurIPS 2019).
 *
 * <p>Each set's manifold is the union of balls around its samples, each reaching the sample's
 * k-th nearest neighbour in its own set. Precision is the share of generated samples inside the
 * reference manifold (fidelity); recall is the share of reference samples inside the generated
 * manifold (diversity). Both are 1 for identical sets and 0 for sets far apart. See
 * {@link KnnManifolds} for the conventions (a point is inside when its distance is {@code <=} the
 * radius).
 *
 * <p>Inputs: generated and reference features. Options: {@code k} (default {@value #DEFAULT_K},
 * as in the paper; each set needs at least {@code k + 1} samples). Values: {@code precision},
 * {@code recall}. Details: {@code k}, {@code generated_count}, {@code reference_count},
 * {@code dimension}.
 */
public final class PrecisionRecallMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "precision-recall";

    /** The paper's neighbourhood size. */
    public static final int DEFAULT_K = 3;

    private final int k;

    /** A precision/recall metric with option {@code k}. */
    public PrecisionRecallMetric(Options options) {
        super(NAME, MetricInput.GENERATED_FEATURES, MetricInput.REFERENCE_FEATURES);
        this.k = options.getInt("k", DEFAULT_K, 1, 10_000);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        PointSet generated = in.generatedFeatures();
        PointSet reference = in.referenceFeatures();
        checkSameDimension(generated, reference);
        KnnManifolds.PrecisionRecall pr = KnnManifolds.precisionRecall(reference, generated, k);
        return result(values("precision", pr.precision(), "recall", pr.recall()),
                "k", k,
                "generated_count", generated.size(),
                "reference_count", reference.size(),
                "dimension", generated.dimension());
    }
}
