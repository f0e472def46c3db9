package org.gen4j.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * A reconstruction term: how far a prediction is from its target, sample by sample (an
 * autoencoder's L2 or binary cross-entropy; an application's L1, cycle or identity term).
 *
 * <p>Implementations are small and stateless; a training procedure weights and averages them.
 */
public interface ReconstructionLoss {

    /** The registered name. */
    String name();

    /**
     * The loss of each sample.
     *
     * @param prediction {@code (N, ...)}: values in the data's range, or logits when {@link
     *     #takesLogits()}
     * @param target {@code (N, ...)} of the same shape, in the data's range ([-1, 1] for images)
     * @return {@code (N)}
     */
    NDArray perSample(NDArray prediction, NDArray target);

    /** Whether the prediction is logits of pixel probabilities (binary cross-entropy). */
    default boolean takesLogits() {
        return false;
    }
}
