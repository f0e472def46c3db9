package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;

/**
 * A model that gives the negative log-likelihood of data: the contract behind the {@code nll} and
 * {@code bits-per-dim} metrics. Autoregressive models (PixelCNN, PixelRNN) implement it exactly;
 * VAEs implement it with the negative evidence lower bound, an upper bound on the NLL.
 *
 * <h2>Units and the discretisation convention</h2>
 *
 * <p>{@link #negativeLogLikelihood} returns, for each sample, {@code -ln P(x)} in <b>nats</b>,
 * where {@code P} is the probability of the <b>discrete</b> data: images are 8-bit, so each
 * dimension takes one of 256 values (gen4j serves them as {@code v / 127.5 - 1}, see
 * {@link org.gen4j.core.data.SampleSet}). Bits per dimension are then
 * {@code nll / (D ln 2)}, with {@code D} the number of values of a sample ({@code C * H * W}); a
 * model that puts probability 1/256 on every value scores exactly 8 bits/dim.
 *
 * <p>A model with a 256-way output per value (PixelCNN) returns its cross-entropy directly. A model
 * with a continuous density {@code p} (a VAE with a Gaussian decoder, a flow) first dequantises:
 * it evaluates {@code p} at {@code x + w u}, with {@code u} uniform in {@code [0, 1)^D} and
 * {@code w} the width of one quantisation bin, and reports
 * {@code -ln p(x + w u) - D ln w} (see {@link #discreteFromDensity}). This upper-bounds
 * {@code -ln P(x)} in expectation (Theis, van den Oord and Bethge, "A note on the evaluation of
 * generative models", ICLR 2016), so such a model reports {@link #exact()} {@code false}. In
 * gen4j's scaling the bin width is {@link #GEN4J_BIN_WIDTH} = 2/255; for data scaled to [0, 1]
 * with bins {@code [v/256, (v+1)/256)} it is 1/256, which adds the familiar 8 bits/dim offset.
 *
 * <p>Implementations own native resources when they hold a network; the code that opens one closes
 * it.
 */
public interface LikelihoodModel {

    /** The bin width of gen4j's pixel scaling {@code v / 127.5 - 1}: 2/255. */
    double GEN4J_BIN_WIDTH = 2.0 / 255.0;

    /** A stable identifier recorded with results, for example {@code vae} or {@code pixelcnn}. */
    String id();

    /** The shape of one sample, for example {@code (1, 28, 28)}. */
    Shape sampleShape();

    /** The number of values of one sample ({@code D} in bits per dimension). */
    default long dimensions() {
        return sampleShape().size();
    }

    /**
     * Whether {@link #negativeLogLikelihood} is the exact NLL ({@code true}, autoregressive models)
     * or an upper bound ({@code false}: a VAE's negative ELBO, or a dequantised density).
     */
    boolean exact();

    /**
     * The negative log-likelihood of each of {@code n} samples, in nats of the discrete data.
     *
     * @param batch {@code n * dimensions()} values, sample after sample, as
     *     {@link org.gen4j.core.data.SampleSet#copySample} serves them
     * @param n the number of samples, &gt;= 1
     * @return {@code n} values {@code -ln P(x_i)}, each finite and (for discrete data) &gt;= 0
     * @throws IllegalArgumentException if the length is not {@code n} samples of
     *     {@link #sampleShape()}
     */
    double[] negativeLogLikelihood(float[] batch, int n);

    /**
     * Whether the likelihood is of data given its class, {@code P(x | y)} (a conditional VAE):
     * held-out data must then carry labels, given to {@link #negativeLogLikelihood(float[],
     * int[], int)}.
     */
    default boolean conditional() {
        return false;
    }

    /**
     * The negative log-likelihood of each of {@code n} samples given their classes, for a
     * {@link #conditional()} model; an unconditional model ignores the labels.
     *
     * @param labels the class of each sample, or null for an unconditional model
     */
    default double[] negativeLogLikelihood(float[] batch, int[] labels, int n) {
        if (conditional()) {
            throw new UnsupportedOperationException(id() + " is conditional but implements no"
                    + " labelled likelihood");
        }
        return negativeLogLikelihood(batch, n);
    }

    /**
     * Checks the arguments of {@link #negativeLogLikelihood(float[], int[], int)}, for
     * implementations.
     *
     * @return the number of values of one sample
     * @throws IllegalArgumentException if the length is not {@code n} samples of {@link
     *     #sampleShape()}, or a conditional model gets no labels
     */
    default int checkBatch(float[] batch, int[] labels, int n) {
        int per = Math.toIntExact(dimensions());
        if (n < 1 || (long) n * per != batch.length) {
            throw new IllegalArgumentException(batch.length + " values are not " + n
                    + " samples of shape " + sampleShape());
        }
        if (conditional() && labels == null) {
            throw new IllegalArgumentException(id() + " is conditional: give labels");
        }
        return per;
    }

    /**
     * Converts the negative log-density of a dequantised sample to the NLL of the discrete data:
     * {@code densityNll - dimensions * ln(binWidth)}.
     *
     * @param densityNll {@code -ln p(x + w u)} in nats, for a density {@code p} over real values
     * @param dimensions the number of values of a sample
     * @param binWidth the width {@code w} of one quantisation bin in the units of the data
     *     ({@link #GEN4J_BIN_WIDTH} for gen4j's [-1, 1] images)
     * @return the corresponding discrete NLL (an upper bound in expectation over {@code u})
     */
    static double discreteFromDensity(double densityNll, long dimensions, double binWidth) {
        if (!(binWidth > 0) || Double.isInfinite(binWidth)) {
            throw new IllegalArgumentException("binWidth must be finite and > 0, got " + binWidth);
        }
        if (dimensions < 1) {
            throw new IllegalArgumentException("dimensions must be >= 1, got " + dimensions);
        }
        return densityNll - dimensions * Math.log(binWidth);
    }
}
