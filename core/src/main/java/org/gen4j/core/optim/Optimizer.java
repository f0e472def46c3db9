package org.gen4j.core.optim;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * Updates a network's parameters from their gradients and keeps its state (moments, step counts)
 * in a form that a checkpoint can save and restore exactly.
 *
 * <p>An optimizer is created by its {@link OptimizerFactory} (a plugin kind: {@code adam},
 * {@code rmsprop}, {@code sgd}, and any a plugin adds) and holds no native memory until its first
 * step or load; its state arrays then live in a manager of its own under the parameters' manager,
 * which {@link #close()} frees.
 */
public interface Optimizer extends AutoCloseable {

    /** The optimizer's name, as in the run spec ("adam"). */
    String name();

    /**
     * Applies one update to each parameter from the gradient left by the last backward pass. The
     * gradients are consumed: after the update they are zero (or overwritten by the next
     * backward), on every engine.
     */
    void step(List<NamedParameter> parameters);

    /**
     * Multiplies the configured learning rate by {@code scale} for the following updates, the
     * hook of a learning-rate schedule (for example a linear decay to 0). The scale is not part of
     * the saved state: a schedule is a function of the step, which the caller sets again after a
     * restore.
     *
     * @param scale in [0, 1]
     * @throws IllegalArgumentException if {@code scale} is outside [0, 1] or NaN
     */
    void setLearningRateScale(double scale);

    /** The number of updates applied so far. */
    long stepCount();

    /** Writes the full state. */
    void save(DataOutputStream out) throws IOException;

    /**
     * Restores state written by {@link #save}, for the same parameters.
     *
     * @throws IOException if the state is corrupt or belongs to other parameters
     */
    void load(DataInputStream in, List<NamedParameter> parameters) throws IOException;

    /**
     * The first state value that is NaN or infinite, as {@code "PARAMETER slot K: VALUE"}, or null
     * when all are finite (or the optimizer keeps no arrays). Checked before every checkpoint:
     * a moment can turn infinite while the losses stay finite.
     */
    default String firstNonFiniteState() {
        return null;
    }

    /** Frees the state arrays. */
    @Override
    void close();
}
