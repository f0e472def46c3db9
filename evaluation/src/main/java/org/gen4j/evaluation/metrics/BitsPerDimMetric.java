package org.gen4j.evaluation.metrics;

import org.gen4j.core.metric.MetricInput;
import org.gen4j.core.metric.MetricInputs;
import org.gen4j.core.metric.MetricResult;
import org.gen4j.core.model.LikelihoodModel;
import org.gen4j.core.util.Options;
import org.gen4j.evaluation.stats.Likelihoods;

/**
 * {@value #NAME}: the negative log-likelihood of held-out data in bits per dimension,
 * \( \mathrm{nll} / (D \ln 2) \), with {@code nll} in nats of the discrete 8-bit data and {@code D}
 * the values per sample ({@code C * H * W}). The discretisation convention is the
 * {@link LikelihoodModel} contract's: a uniform model over 256 values scores 8; a model with a
 * continuous density reports its dequantised NLL, which includes the {@code -D ln(bin width)}
 * term. Exact for autoregressive models, an upper bound for VAEs ({@code exact} false).
 *
 * <p>Inputs: a likelihood model and held-out data. Options: {@code batch-size} (default 256).
 * Values: {@code bits_per_dim}, {@code bits_per_dim_std_error}. Details: as for {@code nll}.
 */
public final class BitsPerDimMetric extends AbstractMetric {

    /** The registered name. */
    public static final String NAME = "bits-per-dim";

    private final int batchSize;

    /** A bits-per-dimension metric with option {@code batch-size}. */
    public BitsPerDimMetric(Options options) {
        super(NAME, MetricInput.LIKELIHOOD_MODEL, MetricInput.HELD_OUT_DATA);
        this.batchSize = options.getInt("batch-size", NllMetric.DEFAULT_BATCH_SIZE, 1, 1 << 20);
        options.checkAllUsed();
    }

    @Override
    MetricResult computeChecked(MetricInputs in) {
        LikelihoodModel model = in.likelihoodModel();
        Likelihoods.Summary s = Likelihoods.evaluate(model, in.heldOutData(), batchSize);
        return result(values("bits_per_dim", s.bitsPerDim(),
                        "bits_per_dim_std_error", s.bitsPerDimStdError()),
                NllMetric.details(model, s, batchSize));
    }
}
