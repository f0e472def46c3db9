package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Objects;
import org.gen4j.core.nn.NoiseDropout;

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
}
