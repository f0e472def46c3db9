package org.gen4j.core.translate;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.procedure.SampleContext;
import org.gen4j.core.random.RandomStream;

/**
 * Fills the missing pixels of images with a trained model: the seeds' semantic inpainting by a
 * generator's latent, or another method a plugin brings ({@link InpainterFactory}).
 */
public interface Inpainter {

    /**
     * Completes images.
     *
     * @param images {@code (N, C, H, W)} in [-1, 1]; the pixels of the hole may hold anything
     * @param hole {@code H * W} flags, true where pixels are missing
     * @param random the stream of the method's draws (initial latents)
     * @return {@code (N, C, H, W)}: the known pixels kept, the hole filled
     */
    NDArray inpaint(SampleContext context, NDArray images, boolean[] hole, RandomStream random);
}
