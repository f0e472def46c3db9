package org.gen4j.core.metric;

import java.util.Objects;

/**
 * An immutable set of {@code size} points (feature vectors, class-probability vectors, 2D samples)
 * of one {@code dimension}, stored row-major in doubles.
 *
 * <p>Every factory checks its input and fails with a message that starts with the set's name, so
 * that an error reads "generated features: ..." rather than "row 3". A set is never empty, all rows
 * have the same length, and every value is finite.
 */
public final class PointSet {

    private final String name;
    private final int size;
    private final int dimension;
    private final double[] values;

    private PointSet(String name, int size, int dimension, double[] values) {
        this.name = name;
        this.size = size;
        this.dimension = dimension;
        this.values = values;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": value " + values[i] + " at sample "
                        + i / dimension + ", coordinate " + i % dimension
                        + "; every value must be finite");
            }
        }
    }

    /**
     * A set from rows.
     *
     * @param name what the set is, for messages (for example "generated features")
     * @param rows {@code [size][dimension]}, at least one row of at least one value; copied
     * @throws IllegalArgumentException if empty, ragged or not finite
     */
    public static PointSet of(String name, double[][] rows) {
        checkName(name);
        Objects.requireNonNull(rows, name + " is null");
        if (rows.length == 0) {
            throw empty(name);
        }
        if (rows[0] == null || rows[0].length == 0) {
            throw new IllegalArgumentException(
                    name + ": sample 0 has no values; samples need dimension >= 1");
        }
        int dim = rows[0].length;
        if ((long) rows.length * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": " + rows.length + " samples of dimension "
                    + dim + " exceed the " + (Integer.MAX_VALUE - 8) + " values a set can hold");
        }
        double[] flat = new double[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != dim) {
                throw new IllegalArgumentException(name + ": sample " + i + " has "
                        + (rows[i] == null ? "no values (null)" : rows[i].length + " values")
                        + " but sample 0 has " + dim + "; all samples need the same dimension");
            }
            System.arraycopy(rows[i], 0, flat, i * dim, dim);
        }
        return new PointSet(name, rows.length, dim, flat);
    }

    /**
     * A set from row-major values.
     *
     * @param name what the set is, for messages
     * @param values {@code size * dimension} values, sample after sample; copied
     * @param size the number of samples, &gt;= 1
     * @param dimension the dimension of each sample, &gt;= 1
     */
    public static PointSet ofFlat(String name, double[] values, int size, int dimension) {
        checkShape(name, values == null ? -1 : values.length, size, dimension);
        return new PointSet(name, size, dimension, values.clone());
    }

    /**
     * A set from row-major floats, widened to double.
     *
     * @param name what the set is, for messages
     * @param values {@code size * dimension} values, sample after sample; copied
     * @param size the number of samples, &gt;= 1
     * @param dimension the dimension of each sample, &gt;= 1
     */
    public static PointSet ofFloats(String name, float[] values, int size, int dimension) {
        checkShape(name, values == null ? -1 : values.length, size, dimension);
        double[] flat = new double[values.length];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = values[i];
        }
        return new PointSet(name, size, dimension, flat);
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name is null");
    }

    private static IllegalArgumentException empty(String name) {
        return new IllegalArgumentException(name + ": the set is empty (0 samples); at least 1 "
                + "sample is needed");
    }

    private static void checkShape(String name, int length, int size, int dimension) {
        checkName(name);
        if (length < 0) {
            throw new NullPointerException(name + " is null");
        }
        if (size == 0 || length == 0) {
            throw empty(name);
        }
        if (size < 0 || dimension < 1) {
            throw new IllegalArgumentException(name + ": size must be >= 1 and dimension >= 1, got "
                    + size + " and " + dimension);
        }
        if ((long) size * dimension != length) {
            throw new IllegalArgumentException(name + ": " + length + " values are not " + size
                    + " samples of dimension " + dimension + " (" + (long) size * dimension
                    + " values)");
        }
    }

    /** What the set is, as used in messages. */
    public String name() {
        return name;
    }

    /** The number of samples, &gt;= 1. */
    public int size() {
        return size;
    }

    /** The dimension of each sample, &gt;= 1. */
    public int dimension() {
        return dimension;
    }

    /** Coordinate {@code j} of sample {@code i}. */
    public double get(int i, int j) {
        Objects.checkIndex(i, size);
        Objects.checkIndex(j, dimension);
        return values[i * dimension + j];
    }

    /** Sample {@code i}; a copy. */
    public double[] row(int i) {
        Objects.checkIndex(i, size);
        double[] r = new double[dimension];
        System.arraycopy(values, i * dimension, r, 0, dimension);
        return r;
    }

    /** All values row-major, {@code size * dimension}; a copy. */
    public double[] toArray() {
        return values.clone();
    }

    /** All samples as rows; a copy. */
    public double[][] toRows() {
        double[][] rows = new double[size][];
        for (int i = 0; i < size; i++) {
            rows[i] = row(i);
        }
        return rows;
    }

    /** The same values under another name (for messages). */
    public PointSet named(String newName) {
        checkName(newName);
        return new PointSet(newName, size, dimension, values);
    }

    @Override
    public String toString() {
        return name + " (" + size + " x " + dimension + ")";
    }
}
