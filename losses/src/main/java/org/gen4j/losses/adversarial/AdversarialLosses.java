package org.gen4j.losses.adversarial;

import ai.djl.ndarray.NDArray;

/**
 * The math of the adversarial losses, as small functions on logits.
 *
 * <p>Every function works from logits through {@link #softplus}, never through a sigmoid followed
 * by a logarithm, so that logits of +-100 (or +-1e4) give finite losses and gradients. Each returns
 * the mean over the batch.
 */
public final class AdversarialLosses {

    private AdversarialLosses() {}

    /**
     * \( \mathrm{softplus}(x) = \log(1 + e^x) = \tfrac{x + |x|}{2} + \log(1 + e^{-|x|}) \),
     * elementwise, written so that it never overflows.
     *
     * <p>The symmetric form {@code (x + |x|) / 2} rather than {@code max(x, 0)} gives the exact
     * derivative 1/2 at x = 0 (the engines' max passes the whole gradient to one side of a tie).
     * Without a log1p operator in DJL, values below about 1e-7 (x < -16) round to 0 in float32: an
     * absolute error under 1e-7, far below a loss's resolution.
     */
    public static NDArray softplus(NDArray x) {
        NDArray abs = x.abs();
        return x.add(abs).mul(0.5f).add(abs.neg().exp().add(1f).log());
    }

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
}
