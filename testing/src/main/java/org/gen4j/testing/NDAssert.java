package org.gen4j.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * Assertions on {@link NDArray}s for tests.
 *
 * <p>{@code assertAllClose} checks the shape first, then every element with the rule numpy's
 * {@code allclose} uses: {@code |actual - expected| <= atol + rtol * |expected|}. A NaN anywhere
 * fails. On failure the message names the number of elements out of tolerance and the worst one:
 * its index, both values and the allowed difference.
 */
public final class NDAssert {

    private static final int MAX_DESCRIBED_LENGTH = 100;

    private NDAssert() {}

    /**
     * Asserts that two arrays have the same shape and are element-wise close.
     *
     * @param actual the array under test
     * @param expected the reference array; any numeric data type
     * @param rtol the relative tolerance, {@code >= 0}
     * @param atol the absolute tolerance, {@code >= 0}
     * @throws AssertionError if the shapes differ or an element is out of tolerance
     */
    public static void assertAllClose(NDArray actual, NDArray expected, double rtol, double atol) {
        Objects.requireNonNull(expected, "expected is null");
        assertAllClose(actual, toDoubles(expected), expected.getShape(), rtol, atol);
    }

    /**
     * Asserts that an array has the given shape and is element-wise close to the given values.
     *
     * @param actual the array under test
     * @param expected the reference values in row-major order
     * @param expectedShape the expected shape of {@code actual}; its size must match {@code expected}
     * @param rtol the relative tolerance, {@code >= 0}
     * @param atol the absolute tolerance, {@code >= 0}
     * @throws AssertionError if the shapes differ or an element is out of tolerance
     */
    public static void assertAllClose(
            NDArray actual, float[] expected, Shape expectedShape, double rtol, double atol) {
        Objects.requireNonNull(expected, "expected is null");
        double[] values = new double[expected.length];
        for (int i = 0; i < expected.length; i++) {
            values[i] = expected[i];
        }
        assertAllClose(actual, values, expectedShape, rtol, atol);
    }

    /**
     * Asserts that an array has the given shape and is element-wise close to the given values.
     *
     * @param actual the array under test
     * @param expected the reference values in row-major order
     * @param expectedShape the expected shape of {@code actual}; its size must match {@code expected}
     * @param rtol the relative tolerance, {@code >= 0}
     * @param atol the absolute tolerance, {@code >= 0}
     * @throws AssertionError if the shapes differ or an element is out of tolerance
     */
    public static void assertAllClose(
            NDArray actual, double[] expected, Shape expectedShape, double rtol, double atol) {
        Objects.requireNonNull(actual, "actual is null");
        Objects.requireNonNull(expected, "expected is null");
        Objects.requireNonNull(expectedShape, "expectedShape is null");
        if (!(rtol >= 0) || !(atol >= 0)) {
            throw new IllegalArgumentException(
                    "rtol and atol must be >= 0, got rtol " + rtol + ", atol " + atol);
        }
        if (expectedShape.size() != expected.length) {
            throw new IllegalArgumentException(
                    "expected has "
                            + expected.length
                            + " values but expectedShape "
                            + expectedShape
                            + " has "
                            + expectedShape.size());
        }
        if (!actual.getShape().equals(expectedShape)) {
            throw new AssertionError(
                    "shape mismatch: expected " + expectedShape + " but got " + actual.getShape());
        }
        compare(toDoubles(actual), expected, expectedShape, rtol, atol);
    }

    private static void compare(
            double[] actual, double[] expected, Shape shape, double rtol, double atol) {
        int bad = 0;
        int worst = -1;
        double worstExcess = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            double allowed = atol + rtol * Math.abs(expected[i]);
            double diff = Math.abs(actual[i] - expected[i]);
            // NaN compares false, so a NaN on either side counts as out of tolerance.
            if (!(diff <= allowed)) {
                bad++;
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - allowed;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (bad > 0) {
            double allowed = atol + rtol * Math.abs(expected[worst]);
            throw new AssertionError(
                    String.format(
                            "%d of %d elements not close (rtol %g, atol %g); worst at index %s"
                                    + " (flat %d): actual %s, expected %s, |diff| %s > allowed %s",
                            bad,
                            actual.length,
                            rtol,
                            atol,
                            Arrays.toString(unravel(worst, shape)),
                            worst,
                            actual[worst],
                            expected[worst],
                            Math.abs(actual[worst] - expected[worst]),
                            allowed)
                            + describeShort(actual, expected));
        }
    }

    private static String describeShort(double[] actual, double[] expected) {
        if (actual.length > MAX_DESCRIBED_LENGTH) {
            return "";
        }
        return "\n  actual:   " + Arrays.toString(actual) + "\n  expected: " + Arrays.toString(expected);
    }

    /** The multi-dimensional index of a row-major flat index. */
    static long[] unravel(long flat, Shape shape) {
        int dims = shape.dimension();
        long[] index = new long[dims];
        long rest = flat;
        for (int d = dims - 1; d >= 0; d--) {
            long size = shape.get(d);
            index[d] = rest % size;
            rest /= size;
        }
        return index;
    }

    private static double[] toDoubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        try (NDArray converted = array.toType(DataType.FLOAT64, true)) {
            return converted.toDoubleArray();
        }
    }
}
