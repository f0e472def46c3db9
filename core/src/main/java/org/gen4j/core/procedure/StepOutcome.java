package org.gen4j.core.procedure;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The values one step reports, as scalar arrays not yet read back, in the order of {@link
 * TrainingProcedure#metrics()}. The trainer reads them with one synchronisation, stops on any
 * that is NaN or infinite (naming it), and logs them.
 */
public final class StepOutcome {

    private final List<NDArray> values;

    private StepOutcome(List<NDArray> values) {
        this.values = Collections.unmodifiableList(values);
    }

    /**
     * The values of one step.
     *
     * @param values one scalar per metric name, or null for a value this step does not have
     *     (logged as 0)
     */
    public static StepOutcome of(NDArray... values) {
        return new StepOutcome(Arrays.asList(values.clone()));
    }

    /** The values, in metric order; an element may be null. */
    public List<NDArray> values() {
        return values;
    }
}
