package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Objects;

/**
 * A convolutional critic that scores every patch of an image: maps {@code (N, inputShape...)}
 * to {@code (N, 1 + extraOutputs, h, w)} logits. Channel 0 is the real/fake score of each patch,
 * which a procedure treats as {@code N * h * w} samples of an adversarial loss; the other
 * channels, averaged over the patches, are logits of an auxiliary task (StarGAN's domain
 * classifier).
 *
 * @param block the DJL block, uninitialised
 * @param scoreBlock the block that maps an input to the patch scores alone, sharing the
 *     parameters of {@code block} (the block itself without auxiliary outputs): what a gradient
 *     penalty differentiates
 * @param inputShape one input {@code (C, H, W)} (pix2pix's input and output side by side in the
 *     channels)
 * @param receptiveField the side in pixels of the input patch each score sees
 * @param batchNorm whether it normalises over the batch (which a gradient penalty refuses)
 */
public record PatchDiscriminator(Block block, Block scoreBlock, Shape inputShape,
        int receptiveField, boolean batchNorm) {

    /** Validates. */
    public PatchDiscriminator {
        Objects.requireNonNull(block, "block is null");
        Objects.requireNonNull(scoreBlock, "scoreBlock is null");
        Objects.requireNonNull(inputShape, "inputShape is null");
    }
}
