package org.gen4j.core.procedure;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.Objects;

/**
 * One network of a procedure, as the trainer initialises, saves and restores it.
 *
 * @param name its name, as in {@link NetworkRole} (the key of its optimizer and of its file in
 *     checkpoints)
 * @param block the DJL block, uninitialised
 * @param inputShapes the shapes of its inputs for a batch of one ({@code (1, latent)}; {@code (1,
 *     C, H, W)} and {@code (1)} for an image and its label)
 * @param initStd the standard deviation of the N(0, std) initialisation of its weights; 0 means
 *     DJL's default (Xavier uniform). Either is drawn from the run's seed, so that every run and
 *     every engine starts identical
 */
public record Network(String name, Block block, List<Shape> inputShapes, float initStd) {

    /** Validates. */
    public Network {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(block, "block is null");
        inputShapes = List.copyOf(inputShapes);
        if (inputShapes.isEmpty()) {
            throw new IllegalArgumentException("network " + name + " needs at least one input"
                    + " shape");
        }
        if (!(initStd >= 0) || Float.isInfinite(initStd)) {
            throw new IllegalArgumentException("initStd of network " + name + " must be finite"
                    + " and >= 0, got " + initStd);
        }
    }

    /** A network with one input. */
    public static Network of(String name, Block block, Shape inputShape, float initStd) {
        return new Network(name, block, List.of(inputShape), initStd);
    }
}
