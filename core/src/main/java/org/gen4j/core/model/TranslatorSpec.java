package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.gen4j.core.util.Options;

/**
 * What an image-to-image architecture is asked to build.
 *
 * @param inputShape one input image {@code (C, H, W)}; a procedure that conditions on a domain
 *     adds its channels here (StarGAN)
 * @param outputShape one output image {@code (C', H', W')}; larger than the input for
 *     super-resolution
 * @param options architecture-specific options; unknown keys fail
 */
public record TranslatorSpec(Shape inputShape, Shape outputShape, Options options) {

    /** Validates. */
    public TranslatorSpec {
        Objects.requireNonNull(inputShape, "inputShape is null");
        Objects.requireNonNull(outputShape, "outputShape is null");
        Objects.requireNonNull(options, "options is null");
        if (inputShape.dimension() != 3 || outputShape.dimension() != 3) {
            throw new IllegalArgumentException("an image-to-image network maps images (C, H, W),"
                    + " got " + inputShape + " to " + outputShape);
        }
    }

    /** The exact integer factor from the input's size to the output's (1 for a translation). */
    public int scale() {
        long h = inputShape.get(1);
        long w = inputShape.get(2);
        long oh = outputShape.get(1);
        long ow = outputShape.get(2);
        if (oh % h != 0 || ow % w != 0 || oh / h != ow / w) {
            throw new IllegalArgumentException("the output " + outputShape + " must be the input "
                    + inputShape + " scaled by one integer factor on both sides");
        }
        return Math.toIntExact(oh / h);
    }
}
