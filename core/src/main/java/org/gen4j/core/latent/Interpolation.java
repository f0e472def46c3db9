package org.gen4j.core.latent;

import java.util.Objects;

/**
 * Interpolation between latent vectors, for pictures that walk through a generator's latent
 * space.
 *
 * <p>Spherical linear interpolation (slerp, White 2016, "Sampling Generative Networks",
 * <a href="https://arxiv.org/abs/1609.04468">arXiv:1609.04468</a>) follows the great circle
 * between the two vectors:
 * \( \mathrm{slerp}(a, b, t) = \frac{\sin((1 - t)\Omega)}{\sin \Omega} a
 * + \frac{\sin(t \Omega)}{\sin \Omega} b \), with \( \cos \Omega = \frac{a \cdot b}{|a| |b|} \).
 * For endpoints of equal norm every point keeps that norm, and the angle to {@code a} grows
 * linearly in t; for a Gaussian prior this stays where the prior puts its mass, where a straight
 * line would pass through the unlikely region near the origin. When the vectors are (nearly)
 * parallel or opposite, or one is zero, the great circle is undefined and slerp falls back to
 * linear interpolation.
 *
 * <p>Paths and grids are returned as one {@code float[]} of vectors laid out row-major, ready to
 * be fed to a generator as a batch of shape (steps, D) or (rows * cols, D). Arithmetic is in
 * double precision.
 */
public final class Interpolation {

    /** Below this value of \( \sin \Omega \) slerp falls back to linear interpolation. */
    public static final double PARALLEL_EPSILON = 1e-6;

    private Interpolation() {}

    /**
     * Spherical linear interpolation of two vectors.
     *
     * @param a the start vector, length D at least 1, finite values
     * @param b the end vector, the same length as {@code a}, finite values
     * @param t the position, in [0, 1]: 0 gives {@code a}, 1 gives {@code b}
     * @return a new vector of length D
     * @throws IllegalArgumentException if the lengths differ, a vector is empty or not finite,
     *     or {@code t} is outside [0, 1]
     */
    public static float[] slerp(float[] a, float[] b, double t) {
        checkPair(a, b);
        checkT(t);
        float[] out = new float[a.length];
        slerpInto(a, b, t, out, 0);
        return out;
    }

    /**
     * Linear interpolation of two vectors, {@code (1 - t) a + t b}.
     *
     * @param a the start vector, length D at least 1, finite values
     * @param b the end vector, the same length as {@code a}, finite values
     * @param t the position, in [0, 1]: 0 gives {@code a}, 1 gives {@code b}
     * @return a new vector of length D
     * @throws IllegalArgumentException if the lengths differ, a vector is empty or not finite,
     *     or {@code t} is outside [0, 1]
     */
    public static float[] lerp(float[] a, float[] b, double t) {
        checkPair(a, b);
        checkT(t);
        float[] out = new float[a.length];
        lerpInto(a, b, t, out, 0);
        return out;
    }

    /**
     * The angle between two vectors, in radians.
     *
     * @param a a vector, length D at least 1
     * @param b a vector, the same length as {@code a}
     * @return the angle in [0, pi]; 0 when either vector is zero
     */
    public static double angle(float[] a, float[] b) {
        checkPair(a, b);
        double na = norm(a);
        double nb = norm(b);
        if (na == 0 || nb == 0) {
            return 0;
        }
        double cos = dot(a, b) / (na * nb);
        return Math.acos(Math.max(-1, Math.min(1, cos)));
    }

    /**
     * {@code steps} vectors evenly spaced in t along the slerp path from {@code a} to
     * {@code b}, both included.
     *
     * @param a the start vector, length D at least 1, finite values
     * @param b the end vector, the same length as {@code a}, finite values
     * @param steps the number of vectors, at least 2
     * @return {@code steps * D} values, (steps, D) row-major; row 0 is {@code a}, the last row
     *     is {@code b}
     * @throws IllegalArgumentException if the vectors are invalid or {@code steps < 2}
     */
    public static float[] slerpPath(float[] a, float[] b, int steps) {
        return path(a, b, steps, true);
    }

    /**
     * {@code steps} vectors evenly spaced along the straight line from {@code a} to {@code b},
     * both included.
     *
     * @param a the start vector, length D at least 1, finite values
     * @param b the end vector, the same length as {@code a}, finite values
     * @param steps the number of vectors, at least 2
     * @return {@code steps * D} values, (steps, D) row-major
     * @throws IllegalArgumentException if the vectors are invalid or {@code steps < 2}
     */
    public static float[] lerpPath(float[] a, float[] b, int steps) {
        return path(a, b, steps, false);
    }

    /**
     * One slerp path per row: row r walks from {@code starts[r]} to {@code ends[r]} in
     * {@code steps} vectors. Fed to a generator and written with an image grid of {@code steps}
     * columns, each grid row shows one interpolation.
     *
     * @param starts the start vectors, R at least 1, all of length D
     * @param ends the end vectors, as many as {@code starts}, all of length D
     * @param steps the number of vectors per row, at least 2
     * @return {@code R * steps * D} values, (R, steps, D) row-major
     * @throws IllegalArgumentException if the counts or lengths differ, or {@code steps < 2}
     */
    public static float[] grid(float[][] starts, float[][] ends, int steps) {
        Objects.requireNonNull(starts, "starts is null");
        Objects.requireNonNull(ends, "ends is null");
        if (starts.length == 0 || starts.length != ends.length) {
            throw new IllegalArgumentException("starts and ends must be non-empty and of the same"
                    + " count, got " + starts.length + " starts and " + ends.length + " ends");
        }
        checkSteps(steps, "steps");
        int d = checkVector(starts[0], "starts[0]");
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(starts.length, steps), d)];
        for (int r = 0; r < starts.length; r++) {
            checkSameLength(starts[r], ends[r], "starts[" + r + "]", "ends[" + r + "]");
            if (starts[r].length != d) {
                throw new IllegalArgumentException("all vectors must have length D = " + d
                        + " (the length of starts[0]), got " + starts[r].length
                        + " for starts[" + r + "]");
            }
            float[] row = path(starts[r], ends[r], steps, true);
            System.arraycopy(row, 0, out, r * steps * d, row.length);
        }
        return out;
    }

    /**
     * A rows x cols grid spanned by four corner vectors with slerp: first along the left and
     * right edges, then across each row. The corners of the result are the given corners.
     *
     * @param topLeft the vector at row 0, column 0
     * @param topRight the vector at row 0, the last column
     * @param bottomLeft the vector at the last row, column 0
     * @param bottomRight the vector at the last row, the last column
     * @param rows the number of rows, at least 2
     * @param cols the number of columns, at least 2
     * @return {@code rows * cols * D} values, (rows, cols, D) row-major
     * @throws IllegalArgumentException if the vectors differ in length or are not finite, or
     *     {@code rows} or {@code cols} is below 2
     */
    public static float[] cornerGrid(float[] topLeft, float[] topRight, float[] bottomLeft,
            float[] bottomRight, int rows, int cols) {
        checkPair(topLeft, topRight);
        checkPair(topLeft, bottomLeft);
        checkPair(topLeft, bottomRight);
        checkSteps(rows, "rows");
        checkSteps(cols, "cols");
        int d = topLeft.length;
        float[] out = new float[Math.multiplyExact(Math.multiplyExact(rows, cols), d)];
        float[] left = new float[d];
        float[] right = new float[d];
        for (int r = 0; r < rows; r++) {
            double u = (double) r / (rows - 1);
            slerpInto(topLeft, bottomLeft, u, left, 0);
            slerpInto(topRight, bottomRight, u, right, 0);
            for (int c = 0; c < cols; c++) {
                slerpInto(left, right, (double) c / (cols - 1), out, (r * cols + c) * d);
            }
        }
        return out;
    }

    private static float[] path(float[] a, float[] b, int steps, boolean spherical) {
        checkPair(a, b);
        checkSteps(steps, "steps");
        int d = a.length;
        float[] out = new float[Math.multiplyExact(steps, d)];
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            if (spherical) {
                slerpInto(a, b, t, out, i * d);
            } else {
                lerpInto(a, b, t, out, i * d);
            }
        }
        return out;
    }

    private static void slerpInto(float[] a, float[] b, double t, float[] out, int offset) {
        if (t == 0) {
            System.arraycopy(a, 0, out, offset, a.length);
            return;
        }
        if (t == 1) {
            System.arraycopy(b, 0, out, offset, b.length);
            return;
        }
        double na = norm(a);
        double nb = norm(b);
        double omega = 0;
        double sin = 0;
        if (na > 0 && nb > 0) {
            double cos = Math.max(-1, Math.min(1, dot(a, b) / (na * nb)));
            omega = Math.acos(cos);
            sin = Math.sin(omega);
        }
        if (!(sin > PARALLEL_EPSILON)) {
            lerpInto(a, b, t, out, offset);
            return;
        }
        double wa = Math.sin((1 - t) * omega) / sin;
        double wb = Math.sin(t * omega) / sin;
        for (int i = 0; i < a.length; i++) {
            out[offset + i] = (float) (wa * a[i] + wb * b[i]);
        }
    }

    private static void lerpInto(float[] a, float[] b, double t, float[] out, int offset) {
        for (int i = 0; i < a.length; i++) {
            out[offset + i] = (float) ((1 - t) * a[i] + t * b[i]);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void checkPair(float[] a, float[] b) {
        checkSameLength(a, b, "a", "b");
    }

    private static void checkSameLength(float[] a, float[] b, String nameA, String nameB) {
        checkVector(a, nameA);
        checkVector(b, nameB);
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors " + nameA + " and " + nameB
                    + " must have the same length, got " + a.length + " and " + b.length);
        }
    }

    private static int checkVector(float[] v, String name) {
        Objects.requireNonNull(v, name + " is null");
        if (v.length == 0) {
            throw new IllegalArgumentException("vector " + name + " must not be empty");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("vector " + name + " must be finite, got "
                        + v[i] + " at index " + i);
            }
        }
        return v.length;
    }

    private static void checkT(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("t must be in [0, 1], got " + t);
        }
    }

    private static void checkSteps(int steps, String name) {
        if (steps < 2) {
            throw new IllegalArgumentException(name + " must be >= 2 (both ends included), got "
                    + steps);
        }
    }
}
