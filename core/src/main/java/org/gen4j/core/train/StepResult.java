package org.gen4j.core.train;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of one training step: the values the procedure reports, by name.
 *
 * @param step the step number, from 1, after this step
 * @param names the procedure's metric names ({@code loss_d}, {@code loss_g}, {@code penalty})
 * @param values their values, in the same order
 */
public record StepResult(long step, List<String> names, float[] values) {

    /** Validates. */
    public StepResult {
        names = List.copyOf(names);
        Objects.requireNonNull(values, "values is null");
        if (names.size() != values.length) {
            throw new IllegalArgumentException(names.size() + " names for " + values.length
                    + " values");
        }
    }

    /**
     * The value of one metric.
     *
     * @throws IllegalArgumentException naming the metrics when there is no such one
     */
    public float value(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no metric '" + name + "'; the step reports "
                    + names);
        }
        return values[i];
    }
}
