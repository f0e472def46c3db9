package org.gen4j.losses.adversarial;

import static org.gen4j.core.loss.LogitFunctions.softplus;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.LogitFunctions;

/**
 * The math of the adversarial losses, as small functions on logits.
 *
 * <p>Every function works from logits through {@link LogitFunctions#softplus}, never through a
 * sigmoid followed by a logarithm, so that logits of +-100 (or +-1e4) give finite losses and gradients. Each returns
 * the mean over the batch.
 */
public final class AdversarialLosses {

    private AdversarialLosses() {}

    /**
     * The standard discriminator loss (binary cross-entropy with real = 1, fake = 0):
     * \( \mathbb{E}[-\log \sigma(r)] + \mathbb{E}[-\log(1 - \sigma(f))]
     *    = \mathbb{E}[\mathrm{softplus}(-r)] + \mathbb{E}[\mathrm{softplus}(f)] \).
     */
    public static NDArray standardDiscriminator(NDArray realLogits, NDArray fakeLogits) {
        return softplus(realLogits.neg()).mean().add(softplus(fakeLogits).mean());
    }

    /**
     * The non-saturating generator loss: \( \mathbb{E}[-\log \sigma(f)] =
     * \mathbb{E}[\mathrm{softplus}(-f)] \).
     */
    public static NDArray nonSaturatingGenerator(NDArray fakeLogits) {
        return softplus(fakeLogits.neg()).mean();
    }

    /**
     * The minimax (saturating) generator loss, minimised: \( \mathbb{E}[\log(1 - \sigma(f))] =
     * -\mathbb{E}[\mathrm{softplus}(f)] \). Its gradient vanishes when the discriminator rejects
     * the samples confidently, which is why the non-saturating form is the usual choice.
     */
    public static NDArray minimaxGenerator(NDArray fakeLogits) {
        return softplus(fakeLogits).mean().neg();
    }

    /** The Wasserstein critic loss (Arjovsky et al. 2017): \( \mathbb{E}[f] - \mathbb{E}[r] \). */
    public static NDArray wassersteinCritic(NDArray realLogits, NDArray fakeLogits) {
        return fakeLogits.mean().sub(realLogits.mean());
    }

    /** The Wasserstein (and hinge) generator loss: \( -\mathbb{E}[f] \). */
    public static NDArray wassersteinGenerator(NDArray fakeLogits) {
        return fakeLogits.mean().neg();
    }

    /**
     * The hinge discriminator loss (Lim and Ye 2017; Miyato et al. 2018):
     * \( \mathbb{E}[\max(0, 1 - r)] + \mathbb{E}[\max(0, 1 + f)] \).
     */
    public static NDArray hingeDiscriminator(NDArray realLogits, NDArray fakeLogits) {
        return Scalars.maximum(realLogits.neg().add(1f), 0f).mean()
                .add(Scalars.maximum(fakeLogits.add(1f), 0f).mean());
    }

    /**
     * The least-squares discriminator loss (Mao et al. 2017, https://arxiv.org/abs/1611.04076):
     * \( \tfrac12 \mathbb{E}[(r - b)^2] + \tfrac12 \mathbb{E}[(f - a)^2] \) with real target b and
     * fake target a.
     */
    public static NDArray leastSquaresDiscriminator(NDArray realLogits, NDArray fakeLogits,
            float realTarget, float fakeTarget) {
        return Scalars.mul(realLogits.sub(realTarget).square().mean(), 0.5f)
                .add(Scalars.mul(fakeLogits.sub(fakeTarget).square().mean(), 0.5f));
    }

    /** The least-squares generator loss: \( \tfrac12 \mathbb{E}[(f - c)^2] \) with target c. */
    public static NDArray leastSquaresGenerator(NDArray fakeLogits, float target) {
        return Scalars.mul(fakeLogits.sub(target).square().mean(), 0.5f);
    }

    /**
     * The relativistic average discriminator loss (Jolicoeur-Martineau 2018,
     * https://arxiv.org/abs/1807.00734), with the standard cross-entropy:
     * \( \mathbb{E}[\mathrm{softplus}(-(r - \bar f))] + \mathbb{E}[\mathrm{softplus}(f - \bar r)] \).
     */
    public static NDArray relativisticAverageDiscriminator(NDArray realLogits, NDArray fakeLogits) {
        NDArray realRel = realLogits.sub(fakeLogits.mean());
        NDArray fakeRel = fakeLogits.sub(realLogits.mean());
        return softplus(realRel.neg()).mean().add(softplus(fakeRel).mean());
    }

    /**
     * The relativistic average generator loss: the discriminator's with real and fake swapped,
     * \( \mathbb{E}[\mathrm{softplus}(-(f - \bar r))] + \mathbb{E}[\mathrm{softplus}(r - \bar f)] \).
     */
    public static NDArray relativisticAverageGenerator(NDArray fakeLogits, NDArray realLogits) {
        return relativisticAverageDiscriminator(fakeLogits, realLogits);
    }
}
