package org.gen4j.models.gan.procedure;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gen4j.core.random.RandomStream;

/**
 * What ACGAN and InfoGAN add to the alternating GAN step: a second head on the discriminator
 * ({@link HeadedCritic}) and a term on its outputs in both updates, and for InfoGAN codes appended
 * to the generator's noise. The step, its networks, checkpoints and resume stay those of every
 * GAN.
 */
interface AuxiliaryTask {

    /** The values it reports after the GAN's {@code loss_d}, {@code loss_g}, {@code penalty}. */
    List<String> metrics();

    /** The units of the discriminator's auxiliary head. */
    int headSize();

    /** The size of the code appended to the generator's noise; 0 if none. */
    default int codeSize() {
        return 0;
    }

    /**
     * Draws the codes of {@code n} samples, {@code (n, codeSize)} row-major, or null without
     * codes.
     *
     * @param category a fixed categorical value for every sample, or -1 to draw it
     */
    default float[] drawCodes(RandomStream random, int n, int category) {
        return null;
    }

    /**
     * The discriminator update's term, added to its loss.
     *
     * @param realHead the auxiliary head on the real batch
     * @param fakeHead the auxiliary head on the (detached) generated batch
     * @param labels the real batch's labels, which the fakes were generated for; null without
     * @param codes the fakes' codes; null without
     */
    Term discriminatorTerm(NDArray realHead, NDArray fakeHead, NDArray labels, NDArray codes);

    /** The generator update's term, added to its loss. */
    Term generatorTerm(NDArray fakeHead, NDArray labels, NDArray codes);

    /**
     * A term and the values it reports in this update, in the order of {@link #metrics()} (the
     * discriminator's values first, then the generator's).
     */
    record Term(NDArray loss, List<NDArray> values) {}
}
