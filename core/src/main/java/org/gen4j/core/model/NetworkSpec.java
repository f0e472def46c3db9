package org.gen4j.core.model;

import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.gen4j.core.util.Options;

/**
 * What an architecture factory is asked to build.
 *
 * @param sampleShape the shape of one sample: {@code (C, H, W)} for images, {@code (D)} for vectors
 * @param latentSize the size of the generator's latent vector
 * @param options architecture-specific options (for example {@code width}); unknown keys fail
 * @param batchNormAllowed false when a regularizer of the run (a gradient penalty) needs a critic
 *     whose output for one sample does not depend on the rest of the batch: a discriminator
 *     factory then picks a normalisation without batch statistics by default, and a user's
 *     explicit BatchNorm is refused before training
 */
public record NetworkSpec(Shape sampleShape, int latentSize, Options options,
        boolean batchNormAllowed) {

    /** A spec that allows BatchNorm. */
    public NetworkSpec(Shape sampleShape, int latentSize, Options options) {
        this(sampleShape, latentSize, options, true);
    }

    /** Validates the spec. */
    public NetworkSpec {
        Objects.requireNonNull(sampleShape, "sampleShape is null");
        Objects.requireNonNull(options, "options is null");
        if (latentSize < 1) {
            throw new IllegalArgumentException("latent-size must be >= 1, got " + latentSize);
        }
    }
}
