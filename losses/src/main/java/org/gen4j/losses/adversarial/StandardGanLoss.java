package org.gen4j.losses.adversarial;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.loss.GanLoss;

/**
 * The original GAN objective (Goodfellow et al. 2014, https://arxiv.org/abs/1406.2661): the
 * standard discriminator loss with either the saturating (minimax) or the non-saturating
 * generator loss.
 */
public final class StandardGanLoss implements GanLoss {

    private final boolean saturating;

    /** The loss with the minimax generator loss if {@code saturating}, else the non-saturating. */
    public StandardGanLoss(boolean saturating) {
        this.saturating = saturating;
    }

    @Override
    public String name() {
        return saturating ? MinimaxLossFactory.NAME : NonSaturatingLossFactory.NAME;
    }

    @Override
    public NDArray discriminatorLoss(NDArray realLogits, NDArray fakeLogits) {
        return AdversarialLosses.standardDiscriminator(realLogits, fakeLogits);
    }

    @Override
    public NDArray generatorLoss(NDArray fakeLogits, NDArray realLogits) {
        return saturating
                ? AdversarialLosses.minimaxGenerator(fakeLogits)
                : AdversarialLosses.nonSaturatingGenerator(fakeLogits);
    }
}
