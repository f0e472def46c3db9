package org.gen4j.core.loss;

import java.util.Objects;

/**
 * A regularizer with the weight its penalty is multiplied by.
 *
 * @param regularizer the regularizer
 * @param weight its weight, >= 0
 */
public record WeightedRegularizer(Regularizer regularizer, double weight) {

    /** Validates the weight. */
    public WeightedRegularizer {
        Objects.requireNonNull(regularizer, "regularizer is null");
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException(
                    "weight of " + regularizer.name() + " must be finite and >= 0, got " + weight);
        }
    }
}
