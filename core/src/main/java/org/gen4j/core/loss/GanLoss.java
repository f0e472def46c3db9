package org.gen4j.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * An adversarial loss: the discriminator's and the generator's objectives, both to be minimised,
 * both computed from the discriminator's raw scores (logits) of shape {@code (N, 1)}.
 *
 * <p>Implementations are small and stateless; the math lives in static functions (see the
 * {@code losses} module) so that it can be tested apart from any wiring.
 */
public interface GanLoss {

    /** The loss's registered name. */
    String name();

    /** The scalar discriminator loss for scores of real and generated samples. */
    NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits);

    /**
     * The scalar generator loss.
     *
     * @param fakeLogits scores of generated samples
     * @param realLogits scores of real samples when {@link #generatorNeedsRealLogits()}, else null
     */
    NDArray generatorLoss(NDArray fakeLogits, NDArray realLogits);

    /** Whether the generator loss also needs the scores of real samples (relativistic losses). */
    default boolean generatorNeedsRealLogits() {
        return false;
    }
}
