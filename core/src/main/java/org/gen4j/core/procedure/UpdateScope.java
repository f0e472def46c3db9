package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;

/**
 * The arrays of one update inside a step, freed when the update ends instead of when the step
 * does: a procedure with several critic updates a step (WGAN-GP's five) would otherwise hold
 * every update's recorded graph, penalty included, until the step's manager closes. The update's
 * inputs are moved in with {@link #own}; an operator's result joins its first operand's manager,
 * so what the update computes from them lands here too. What must outlive the update (the batch
 * a later update reads, the losses a step reports) is moved back to the step with {@link #keep}
 * before {@link #close}.
 */
public final class UpdateScope implements AutoCloseable {

    private final NDManager step;
    private final NDManager scope;

    private UpdateScope(NDManager step) {
        this.step = step;
        this.scope = step.newSubManager();
    }

    /**
     * Opens a scope under the step's manager.
     *
     * @param step the step's manager ({@link StepContext#manager()})
     * @return the scope, to close when the update ends
     */
    public static UpdateScope open(NDManager step) {
        return new UpdateScope(Objects.requireNonNull(step, "step"));
    }

    /**
     * Moves an array into this scope.
     *
     * @param array an array of the step, or {@code null}
     * @return {@code array}
     */
    public NDArray own(NDArray array) {
        if (array != null) {
            array.attach(scope);
        }
        return array;
    }

    /**
     * Moves arrays back to the step's manager, so that closing this scope leaves them open.
     *
     * @param arrays arrays, each {@code null} or of this scope
     */
    public void keep(NDArray... arrays) {
        for (NDArray a : arrays) {
            if (a != null) {
                a.attach(step);
            }
        }
    }

    /**
     * A manager under this scope, for arrays to free before the update ends.
     *
     * @return a new sub-manager, closed with this scope at the latest
     */
    public NDManager newSubManager() {
        return scope.newSubManager();
    }

    /** Frees every array still in the scope. */
    @Override
    public void close() {
        scope.close();
    }
}
