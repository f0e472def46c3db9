package org.gen4j.core.report;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The rows of a {@link MetricsLog} as read back: one row per logged step, with the step, the
 * epoch and one value per named column. Immutable; the arrays handed out are copies.
 */
public final class MetricsTable {

    private final List<String> names;
    private final long[] steps;
    private final int[] epochs;
    private final double[][] columns;

    /**
     * A table from its columns.
     *
     * @param names the value column names, in file order; copied
     * @param steps the step of each row
     * @param epochs the epoch of each row, as many as {@code steps}
     * @param columns one array per name, each as long as {@code steps}; copied
     * @throws IllegalArgumentException if the counts do not match
     */
    public MetricsTable(List<String> names, long[] steps, int[] epochs, double[][] columns) {
        this.names = List.copyOf(names);
        if (epochs.length != steps.length || columns.length != this.names.size()) {
            throw new IllegalArgumentException("table needs one epoch per step and one column per"
                    + " name, got " + steps.length + " steps, " + epochs.length + " epochs, "
                    + columns.length + " columns for " + this.names.size() + " names");
        }
        this.steps = steps.clone();
        this.epochs = epochs.clone();
        this.columns = new double[columns.length][];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].length != steps.length) {
                throw new IllegalArgumentException("column '" + this.names.get(i) + "' has "
                        + columns[i].length + " values, expected one per step: " + steps.length);
            }
            this.columns[i] = columns[i].clone();
        }
    }

    /** The value column names, in file order (without "step" and "epoch"). */
    public List<String> names() {
        return names;
    }

    /** The number of rows. */
    public int size() {
        return steps.length;
    }

    /** Whether there are no rows. */
    public boolean isEmpty() {
        return steps.length == 0;
    }

    /** The step of each row. */
    public long[] steps() {
        return steps.clone();
    }

    /** The step of each row as doubles, the x values of a chart. */
    public double[] stepsAsDoubles() {
        double[] x = new double[steps.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = steps[i];
        }
        return x;
    }

    /** The epoch of each row. */
    public int[] epochs() {
        return epochs.clone();
    }

    /** The last logged step, or -1 when the table is empty. */
    public long lastStep() {
        return steps.length == 0 ? -1 : steps[steps.length - 1];
    }

    /**
     * The values of one column.
     *
     * @param name a column name, one of {@link #names()}
     * @return the value of each row; NaN and infinities are kept as logged
     * @throws IllegalArgumentException if there is no such column
     */
    public double[] column(String name) {
        Objects.requireNonNull(name, "name is null");
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "Unknown metrics column '" + name + "'. Known columns: " + names);
        }
        return columns[i].clone();
    }

    @Override
    public String toString() {
        return "MetricsTable" + names + " with " + steps.length + " rows"
                + (steps.length == 0 ? "" : ", steps " + steps[0] + ".." + lastStep());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MetricsTable other)) {
            return false;
        }
        return names.equals(other.names) && Arrays.equals(steps, other.steps)
                && Arrays.equals(epochs, other.epochs)
                && Arrays.deepEquals(columns, other.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.hashCode(steps), Arrays.hashCode(epochs),
                Arrays.deepHashCode(columns));
    }
}
