package org.gen4j.core.report;

/** The smoothing of a loss curve: the window chosen for a series and the moving average. */
public final class Smoothing {

    private Smoothing() {}

    /**
     * The smoothing window chosen automatically for a series of {@code n} points: none below 60
     * points, otherwise the odd number nearest n / 30, at most 101.
     *
     * @param n the number of points
     * @return the window, 0 when the series is too short to smooth
     */
    public static int autoWindow(int n) {
        if (n < 60) {
            return 0;
        }
        int w = Math.min(101, (int) Math.round(n / 30.0));
        return w % 2 == 0 ? w + 1 : w;
    }

    /**
     * The centred moving average of the finite values, with the window shrunk at the ends; a
     * non-finite value stays non-finite and is not counted in its neighbours' averages.
     *
     * @param values the series
     * @param window the window width, at least 1 (odd widths are centred exactly)
     * @return a new array as long as {@code values}
     */
    public static double[] movingAverage(double[] values, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + window);
        }
        int n = values.length;
        double[] sum = new double[n + 1];
        int[] count = new int[n + 1];
        for (int i = 0; i < n; i++) {
            boolean ok = Double.isFinite(values[i]);
            sum[i + 1] = sum[i] + (ok ? values[i] : 0);
            count[i + 1] = count[i] + (ok ? 1 : 0);
        }
        int half = window / 2;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(values[i])) {
                out[i] = values[i];
                continue;
            }
            int lo = Math.max(0, i - half);
            int hi = Math.min(n, i - half + window);
            out[i] = (sum[hi] - sum[lo]) / (count[hi] - count[lo]);
        }
        return out;
    }
}
