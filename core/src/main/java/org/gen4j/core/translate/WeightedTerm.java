package org.gen4j.core.translate;

import ai.djl.ndarray.NDArray;
import java.util.Objects;
import org.gen4j.core.engine.Scalars;
import org.gen4j.core.loss.ReconstructionLoss;

/**
 * A reconstruction term of a composite objective and its weight (pix2pix's 100 x L1, SRGAN's
 * pixel and perceptual terms).
 *
 * @param name the metric it is reported under, lower-case with underscores
 * @param term the registered term
 * @param weight its weight, {@code >= 0}
 */
public record WeightedTerm(String name, ReconstructionLoss term, double weight) {

    /** Validates. */
    public WeightedTerm {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(term, "term is null");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("the weight of " + name + " must be finite and"
                    + " >= 0, got " + weight);
        }
    }

    /** The weighted mean over the batch of the term of each sample. */
    public NDArray of(NDArray prediction, NDArray target) {
        return Scalars.mul(term.perSample(prediction, target).mean(), (float) weight);
    }
}
