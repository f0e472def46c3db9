package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.Likelihoods;

/**
 * {@value #NAME}: the mean negative log-likelihood of held-out data under a likelihood model, in
 * nats per sample, of the discrete (8-bit) data as defined by the {@link LikelihoodModel}
 * contract. Exact for autoregressive models; for a VAE it is the negative ELBO, an upper bound,
 * and the result says so ({@code exact} false, {@code bound} "upper bound").
 *
 * <p>Inputs: a likelihood model and held-out data. Options: {@code batch-size} (default
 * {@value #DEFAULT_BATCH_SIZE}). Values: {@code nll}, {@code nll_std_error}. Details:
 * {@code model}, {@code exact}, {@code bound}, {@code samples}, {@code dimensions},
 * {@code batch_size}.
 */
public final class NllMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "nll";

    /** The default number of samples per call of the model. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private final int batchSize;

    /** An NLL metric with option {@code batch-size}. */
    public NllMetric(Options options) {
        super(NAME, MetricInput.LIKELIHOOD_MODEL, MetricInput.HELD_OUT_DATA);
        this.batchSize = options.getInt("batch-size", DEFAULT_BATCH_SIZE, 1, 1 << 20);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        LikelihoodModel model = in.likelihoodModel();
        Likelihoods.Summary s = Likelihoods.evaluate(model, in.heldOutData(), batchSize);
        return result(values("nll", s.meanNats(), "nll_std_error", s.stdErrorNats()),
                details(model, s, batchSize));
    }

    static Object[] details(LikelihoodModel model, Likelihoods.Summary s, int batchSize) {
        return new Object[] {
            "model", model.id(),
            "exact", model.exact(),
            "bound", model.exact() ? "exact" : "upper bound",
            "samples", s.count(),
            "dimensions", s.dimensions() <= Integer.MAX_VALUE
                    ? (Object) (int) s.dimensions() : (Object) s.dimensions(),
            "batch_size", batchSize,
        };
    }
}
