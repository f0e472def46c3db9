package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import org.gen4j.core.random.RandomStream;

/**
 * A procedure whose samples are decoded from latent vectors (a GAN's generator, a VAE's decoder):
 * what latent-space tools (interpolation, arithmetic) need.
 */
public interface LatentGenerator {

    /** The size of a latent vector. */
    int latentSize();

    /**
     * Decodes latent vectors in inference mode.
     *
     * @param context the sample context
     * @param z {@code (N, latentSize)}
     * @param labels {@code (N)} int32 class labels for a conditional procedure, else null
     * @return samples {@code (N, sampleShape...)}
     */
    NDArray generate(SampleContext context, NDArray z, NDArray labels);

    /**
     * Latent vectors as the procedure's {@code sample} draws them from {@code random} (standard
     * normal values by default), so that vector i of {@code draw(new RandomStream(s), 1)} is the
     * vector of {@code gen4j sample --seed s -n 1}.
     *
     * @return {@code (n, latentSize)} row-major
     */
    default float[] draw(RandomStream random, int n) {
        float[] z = new float[Math.multiplyExact(n, latentSize())];
        random.fillGaussian(z, 1f);
        return z;
    }
}
