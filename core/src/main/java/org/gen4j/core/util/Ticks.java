package org.gen4j.core.util;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Axis ticks for charts: round values (1, 2 or 5 times a power of ten) that cover a range, and
 * short labels for them.
 */
public final class Ticks {

    private Ticks() {}

    /**
     * The tick spacing for a range: 1, 2 or 5 times a power of ten, chosen so that about
     * {@code target} ticks cover the range.
     *
     * @param min the lower end, finite
     * @param max the upper end, finite and greater than {@code min}
     * @param target the wished number of intervals, at least 1
     * @return the spacing, positive
     */
    public static double step(double min, double max, int target) {
        check(min, max, target);
        double raw = (max - min) / target;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double residual = raw / magnitude;
        double nice;
        if (residual < 1.5) {
            nice = 1;
        } else if (residual < 3) {
            nice = 2;
        } else if (residual < 7) {
            nice = 5;
        } else {
            nice = 10;
        }
        return nice * magnitude;
    }

    /**
     * The tick values inside {@code [min, max]}, multiples of {@link #step(double, double, int)}.
     *
     * @param min the lower end, finite
     * @param max the upper end, finite and greater than {@code min}
     * @param target the wished number of intervals, at least 1
     * @return the ticks, ascending; at least one when the range holds a multiple of the step
     */
    public static double[] values(double min, double max, int target) {
        double step = step(min, max, target);
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        int count = (int) Math.max(0, Math.min(1000, last - first + 1));
        double[] ticks = new double[count];
        for (int i = 0; i < count; i++) {
            ticks[i] = (first + i) * step;
        }
        return ticks;
    }

    /**
     * A short label for a tick value: no more decimals than the spacing needs, scientific
     * notation for very large or small magnitudes, and no "-0".
     *
     * @param value the tick value
     * @param step the tick spacing, positive
     * @return the label, for example "0.25", "1200", "-3" or "1e-05"
     */
    public static String format(double value, double step) {
        if (Math.abs(value) < step * 1e-6) {
            return "0";
        }
        double magnitude = Math.max(Math.abs(value), step);
        if (magnitude >= 1e7 || step < 1e-4) {
            String s = String.format(Locale.ROOT, "%.3g", value);
            return s.replaceAll("\\.?0+e", "e").replace("e+0", "e").replace("e+", "e")
                    .replace("e-0", "e-");
        }
        int decimals = (int) Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals,
                RoundingMode.HALF_EVEN);
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static void check(double min, double max, int target) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(max > min)) {
            throw new IllegalArgumentException(
                    "tick range must be finite with max > min, got [" + min + ", " + max + "]");
        }
        if (target < 1) {
            throw new IllegalArgumentException("target tick count must be >= 1, got " + target);
        }
    }
}
