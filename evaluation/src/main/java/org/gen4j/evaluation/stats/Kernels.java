package org.gen4j.evaluation.stats;

/**
 * Register-tiled inner loops over row-major {@code double[]} sets: squared Euclidean distances and
 * dot products of 4 rows of one set against 2 rows of another, accumulated with {@link Math#fma}
 * in coordinate order.
 *
 * <p>The scalar versions accumulate in the same order, so a pair gets bit-identical results
 * whichever kernel computes it, and {@code dist(x, y) == dist(y, x)} exactly: results do not depend
 * on blocking, threads or sample order. The distance is summed as {@code sum (x_k - y_k)^2}, not
 * as {@code |x|^2 + |y|^2 - 2 x.y}, so a point's distance to itself is exactly 0.
 */
final class Kernels {

    /** Rows of the first set per tile. */
    static final int TILE_ROWS = 4;

    /** Rows of the second set per tile. */
    static final int TILE_COLS = 2;

    private Kernels() {}

    /** {@code sum_k (a[ai + k] - b[bj + k])^2}. */
    static double squaredDistance(double[] a, int ai, double[] b, int bj, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = a[ai + k] - b[bj + k];
            s = Math.fma(t, t, s);
        }
        return s;
    }

    /** {@code sum_k a[ai + k] * b[bj + k]}. */
    static double dot(double[] a, int ai, double[] b, int bj, int d) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            s = Math.fma(a[ai + k], b[bj + k], s);
        }
        return s;
    }

    /**
     * Squared distances of rows {@code i..i+3} of {@code a} to rows {@code j, j+1} of {@code b}:
     * {@code out[2 r + c]} for row {@code i + r} and row {@code j + c}.
     */
    static void squaredDistances4x2(double[] a, int i, double[] b, int j, int d, double[] out) {
        double s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        int a0 = i * d;
        int a1 = a0 + d;
        int a2 = a1 + d;
        int a3 = a2 + d;
        int b0 = j * d;
        int b1 = b0 + d;
        for (int k = 0; k < d; k++) {
            double x0 = a[a0 + k];
            double x1 = a[a1 + k];
            double x2 = a[a2 + k];
            double x3 = a[a3 + k];
            double y0 = b[b0 + k];
            double y1 = b[b1 + k];
            double t;
            t = x0 - y0;
            s00 = Math.fma(t, t, s00);
            t = x0 - y1;
            s01 = Math.fma(t, t, s01);
            t = x1 - y0;
            s10 = Math.fma(t, t, s10);
            t = x1 - y1;
            s11 = Math.fma(t, t, s11);
            t = x2 - y0;
            s20 = Math.fma(t, t, s20);
            t = x2 - y1;
            s21 = Math.fma(t, t, s21);
            t = x3 - y0;
            s30 = Math.fma(t, t, s30);
            t = x3 - y1;
            s31 = Math.fma(t, t, s31);
        }
        out[0] = s00;
        out[1] = s01;
        out[2] = s10;
        out[3] = s11;
        out[4] = s20;
        out[5] = s21;
        out[6] = s30;
        out[7] = s31;
    }

    /**
     * Dot products of rows {@code i..i+3} of {@code a} with rows {@code j, j+1} of {@code b}:
     * {@code out[2 r + c]} for row {@code i + r} and row {@code j + c}.
     */
    static void dots4x2(double[] a, int i, double[] b, int j, int d, double[] out) {
        double s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
        int a0 = i * d;
        int a1 = a0 + d;
        int a2 = a1 + d;
        int a3 = a2 + d;
        int b0 = j * d;
        int b1 = b0 + d;
        for (int k = 0; k < d; k++) {
            double x0 = a[a0 + k];
            double x1 = a[a1 + k];
            double x2 = a[a2 + k];
            double x3 = a[a3 + k];
            double y0 = b[b0 + k];
            double y1 = b[b1 + k];
            s00 = Math.fma(x0, y0, s00);
            s01 = Math.fma(x0, y1, s01);
            s10 = Math.fma(x1, y0, s10);
            s11 = Math.fma(x1, y1, s11);
            s20 = Math.fma(x2, y0, s20);
            s21 = Math.fma(x2, y1, s21);
            s30 = Math.fma(x3, y0, s30);
            s31 = Math.fma(x3, y1, s31);
        }
        out[0] = s00;
        out[1] = s01;
        out[2] = s10;
        out[3] = s11;
        out[4] = s20;
        out[5] = s21;
        out[6] = s30;
        out[7] = s31;
    }
}
