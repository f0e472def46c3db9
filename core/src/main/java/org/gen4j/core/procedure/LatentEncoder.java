package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;

/**
 * A procedure that maps samples to latent vectors (a VAE's encoder): what interpolation between
 * two images and latent arithmetic on image groups need.
 */
public interface LatentEncoder {

    /**
     * Encodes samples in inference mode to the mean of their latent code.
     *
     * @param x {@code (N, sampleShape...)}
     * @param labels {@code (N)} int32 classes for a conditional procedure, else null
     * @return {@code (N, latentSize)}
     */
    NDArray encode(SampleContext context, NDArray x, NDArray labels);
}
