package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Objects;

/**
 * A generator network: maps a batch of latent vectors {@code (N, latentSize)} to a batch of
 * samples {@code (N, sampleShape...)} with values in [-1, 1].
 */
public interface Generator {

    /** The DJL block; its input is {@code (N, latentSize)}. */
    Block block();

    /** The size of the latent vector. */
    int latentSize();

    /** The shape of one sample, for example {@code (1, 28, 28)} or {@code (2)}. */
    Shape sampleShape();

    /** A generator made of a block and its shapes. */
    static Generator of(Block block, int latentSize, Shape sampleShape) {
        Objects.requireNonNull(block, "block is null");
        Objects.requireNonNull(sampleShape, "sampleShape is null");
        if (latentSize < 1) {
            throw new IllegalArgumentException("latentSize must be >= 1, got " + latentSize);
        }
        return new Generator() {
            @Override
            public Block block() {
                return block;
            }

            @Override
            public int latentSize() {
                return latentSize;
            }

            @Override
            public Shape sampleShape() {
                return sampleShape;
            }
        };
    }
}
