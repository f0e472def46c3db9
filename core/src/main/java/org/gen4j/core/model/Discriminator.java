package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A discriminator (critic) network: maps a batch of samples {@code (N, inputShape...)} to one
 * unnormalised score (logit) per sample, {@code (N, 1)}.
 */
public interface Discriminator {

    /** The DJL block. */
    Block block();

    /** The shape of one input sample. */
    Shape inputShape();

    /** Structural facts about the network that losses and regularizers check. */
    Set<Trait> traits();

    /** Structural facts a regularizer may need to know before training starts. */
    enum Trait {
        /** The network normalises over the batch, which couples samples (wrong for penalties). */
        BATCH_NORM
    }

    /** A discriminator made of a block, its input shape and its traits. */
    static Discriminator of(Block block, Shape inputShape, Set<Trait> traits) {
        Objects.requireNonNull(block, "block is null");
        Objects.requireNonNull(inputShape, "inputShape is null");
        Set<Trait> copy = traits.isEmpty() ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(traits);
        return new Discriminator() {
            @Override
            public Block block() {
                return block;
            }

            @Override
            public Shape inputShape() {
                return inputShape;
            }

            @Override
            public Set<Trait> traits() {
                return Set.copyOf(copy);
            }
        };
    }
}
