package org.gen4j.core.util;

/**
 * The check that a number given in double survives the engines' float32: a value that rounds to
 * 0 or to infinity there would silently train with 0 (a learning rate of 1e-50) or overflow.
 */
public final class Float32 {

    private Float32() {}

    /**
     * Checks a value.
     *
     * @param what the value's name for the message, for example {@code "loss 'x': option 'lr'"}
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException if it is nonzero but below float32's smallest normal
     *     magnitude (1.18e-38, which engines may flush to 0), or beyond its largest (3.4e38)
     */
    public static double check(String what, double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double abs = Math.abs(value);
        if (abs != 0 && abs < Float.MIN_NORMAL) {
            throw new IllegalArgumentException(what + " is " + value + ", which float32 (the"
                    + " engines' precision) cannot hold: it becomes 0. Give 0 or a magnitude of"
                    + " at least " + Float.MIN_NORMAL);
        }
        if (abs > Float.MAX_VALUE) {
            throw new IllegalArgumentException(what + " is " + value + ", which float32 (the"
                    + " engines' precision) cannot hold: it becomes infinite. Give a magnitude"
                    + " of at most " + Float.MAX_VALUE);
        }
        return value;
    }
}
