package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.gen4j.core.util.Options;

/**
 * What a patch critic architecture is asked to build.
 *
 * @param inputShape one input {@code (C, H, W)}
 * @param extraOutputs the logits of an auxiliary task beyond the patch score, {@code >= 0}
 * @param options architecture-specific options; unknown keys fail
 * @param batchNormAllowed false when a gradient penalty needs per-sample outputs
 */
public record PatchDiscriminatorSpec(Shape inputShape, int extraOutputs, Options options,
        boolean batchNormAllowed) {

    /** Validates. */
    public PatchDiscriminatorSpec {
        Objects.requireNonNull(inputShape, "inputShape is null");
        Objects.requireNonNull(options, "options is null");
        if (inputShape.dimension() != 3) {
            throw new IllegalArgumentException("a patch critic takes images (C, H, W), got "
                    + inputShape);
        }
        if (extraOutputs < 0) {
            throw new IllegalArgumentException("extraOutputs must be >= 0, got " + extraOutputs);
        }
    }
}
