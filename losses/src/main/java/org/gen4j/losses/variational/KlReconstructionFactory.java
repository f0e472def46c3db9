package org.gen4j.losses.variational;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.VariationalLoss;
import org.gen4j.core.loss.VariationalLossFactory;
import org.gen4j.core.util.Options;

/**
 * Registers {@value #NAME}: the negative evidence lower bound of a VAE with a KL weight,
 * \( \mathbb{E}[-\log p(x|z)] + \beta\, w(t)\, \mathrm{KL}(q(z|x) \,\|\, \mathcal N(0, I)) \),
 * each term summed over a sample's values (not averaged per pixel, as the ELBO requires) and
 * averaged over the batch.
 *
 * <p>The KL of a diagonal Gaussian to the unit Gaussian is analytic:
 * \( \tfrac12 \sum_j (\mu_j^2 + \sigma_j^2 - 1 - \log \sigma_j^2) \). Options: {@code beta}
 * (default 1; Higgins et al.'s beta-VAE above 1) and {@code warmup}, the steps over which \( w \)
 * rises linearly from 0 to 1 (default 0: no warm-up; Sønderby et al. 2016), measured at the
 * position the procedure saves with its checkpoints.
 */
public final class KlReconstructionFactory implements VariationalLossFactory {

    /** The registered name. */
    public static final String NAME = "kl-reconstruction";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Negative ELBO: reconstruction plus beta times the analytic KL, summed per sample;"
                + " options beta, warmup (steps)";
    }

    @Override
    public VariationalLoss create(Options options) {
        double beta = options.getDouble("beta", 1, 0, 1e6);
        long warmup = options.getLong("warmup", 0, 0, 1_000_000_000L);
        options.checkAllUsed();
        return new VariationalLoss() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public Terms terms(NDArray reconstructionNll, NDArray mean, NDArray logVariance,
                    long position) {
                NDArray kl = gaussianKl(mean, logVariance).mean();
                NDArray rec = reconstructionNll.mean();
                double w = warmup == 0 ? 1 : Math.min(1, (double) position / warmup);
                return new Terms(rec.add(Scalars.mul(kl, (float) (beta * w))), rec, kl);
            }
        };
    }

    /**
     * The KL divergence of each sample's diagonal Gaussian {@code N(mean, exp(logVariance))} to
     * {@code N(0, I)}, in nats, {@code (N)}.
     */
    public static NDArray gaussianKl(NDArray mean, NDArray logVariance) {
        return Scalars.mul(mean.square().add(logVariance.exp()).sub(1f).sub(logVariance), 0.5f)
                .sum(new int[] {1});
    }
}
