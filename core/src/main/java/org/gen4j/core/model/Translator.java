package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Objects;
import org.gen4j.core.nn.NoiseDropout;
import org.gen4j.core.random.RandomStream;

/**
 * An image-to-image network: maps images {@code (N, inputShape...)} to images {@code (N,
 * outputShape...)} in [-1, 1] (pix2pix's U-Net, CycleGAN's ResNet generator, SRGAN's upscaling
 * network).
 *
 * @param block the DJL block, uninitialised
 * @param inputShape the shape of one input {@code (C, H, W)}
 * @param outputShape the shape of one output {@code (C', H', W')}
 * @param noise the stream holder of its dropout noise, which a procedure feeds before every
 *     forward pass; null when it has none
 */
public record Translator(Block block, Shape inputShape, Shape outputShape,
        NoiseDropout.Noise noise) {

    /** Validates. */
    public Translator {
        Objects.requireNonNull(block, "block is null");
        Objects.requireNonNull(inputShape, "inputShape is null");
        Objects.requireNonNull(outputShape, "outputShape is null");
    }

    /** Whether it draws dropout noise. */
    public boolean hasNoise() {
        return noise != null;
    }

    /**
     * Makes its next forward passes draw their noise from {@code stream} (from a stream of seed
     * 0 when null); nothing without noise.
     */
    public void feedNoise(RandomStream stream) {
        if (noise != null) {
            noise.use(stream != null ? stream : new RandomStream(0));
        }
    }
}
