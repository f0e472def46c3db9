package org.gen4j.core.likelihood;

import ai.djl.ndarray.NDArray;

/**
 * The distribution a decoder's output defines over one sample's values, {@code p(x | z)}: the
 * reconstruction term of a VAE is its negative log-likelihood, summed over the sample.
 *
 * <p>A decoder gives {@link #outputsPerValue()} numbers per value of the data (a logit; a mean;
 * a mean and a log-scale), laid out as {@code k * C} channels for images {@code (N, k C, H, W)}
 * or {@code k * D} values for vectors; the first {@code C} (or {@code D}) are the location.
 */
public interface PixelLikelihood {

    /** The spec name ({@code bernoulli}, {@code gaussian}, {@code gaussian-learned}, ...). */
    String name();

    /** How many decoder outputs parametrise one value. */
    int outputsPerValue();

    /**
     * {@code -log p(x | out)} of each sample, summed over its values, in nats.
     *
     * @param out the decoder's output, {@code (N, k C, ...)}
     * @param x the data, {@code (N, C, ...)}, in [-1, 1]
     * @return {@code (N)}
     */
    NDArray nll(NDArray out, NDArray x);

    /** The distribution's mean (its location for a logistic), in [-1, 1]: what pictures show. */
    NDArray mean(NDArray out);

    /**
     * Whether {@link #nll} is the probability of discrete data (binary for {@code bernoulli} on
     * binarised data, 8-bit for {@code logistic}); false for a density, which a likelihood
     * estimate dequantises.
     */
    boolean discrete();
}
