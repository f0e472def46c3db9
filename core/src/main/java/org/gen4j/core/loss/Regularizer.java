package org.gen4j.core.loss;

import ai.djl.ndarray.NDArray;

/**
 * A term added to the discriminator's objective (a gradient penalty, R1), or a constraint applied
 * after each discriminator update (weight clipping).
 *
 * <p>The trainer multiplies {@link #penalty} by the weight given in the run spec.
 */
public interface Regularizer {

    /** The regularizer's registered name. */
    String name();

    /**
     * The scalar penalty for one discriminator update, or null if this regularizer adds no term.
     * Called inside the discriminator's gradient collection, so it must backpropagate.
     */
    NDArray penalty(CriticContext context);

    /** Applied to the discriminator after each of its optimizer steps; does nothing by default. */
    default void afterDiscriminatorStep(CriticContext context) {}

    /**
     * Checks, before the first step, that this regularizer can serve the discriminator on the
     * engine in use.
     *
     * @throws UnsupportedOperationException with the reason and the way out
     */
    default void checkSupported(CriticContext context) {}

    /**
     * Whether this regularizer needs a critic without batch normalisation (a penalty on per-sample
     * input gradients does: BatchNorm couples the samples of a batch). Architectures are then
     * built without it where they can ({@link org.gen4j.core.model.NetworkSpec#batchNormAllowed}).
     */
    default boolean forbidsBatchNorm() {
        return false;
    }

}
