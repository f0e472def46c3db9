package org.gen4j.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * The objective of a variational autoencoder from its parts: the reconstruction term {@code -log
 * p(x | z)} of each sample and the encoder's diagonal Gaussian {@code q(z | x)}. The {@code
 * kl-reconstruction} plugin of {@code losses} is the negative ELBO with a KL weight.
 */
public interface VariationalLoss {

    /** The registered name. */
    String name();

    /**
     * The loss and its terms for one batch.
     *
     * @param reconstructionNll {@code -log p(x | z)} of each sample in nats, {@code (N)}
     * @param mean the encoder's means, {@code (N, d)}
     * @param logVariance the encoder's log-variances, {@code (N, d)}
     * @param position the training position of the loss's own schedule (a KL warm-up), in steps
     *     from 0; the procedure saves it with its checkpoints
     * @return the scalar loss to minimise and its two terms, each the batch mean of per-sample
     *     sums
     */
    Terms terms(NDArray reconstructionNll, NDArray mean, NDArray logVariance, long position);

    /**
     * The loss of a batch and its terms.
     *
     * @param loss the scalar to minimise
     * @param reconstruction the mean reconstruction term, nats per sample
     * @param kl the mean KL divergence to the prior, nats per sample (unweighted)
     */
    record Terms(NDArray loss, NDArray reconstruction, NDArray kl) {}
}
