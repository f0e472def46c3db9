package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Differentiable resizing of {@code (N, C, H, W)} arrays by integer factors, from array
 * operations every engine has: nearest-neighbour upsampling and average pooling.
 */
public final class Resampling {

    private Resampling() {}

    /** Nearest-neighbour upsampling: every value repeated {@code factor} times on both axes. */
    public static NDArray up(NDArray x, int factor) {
        check(x, factor);
        return factor == 1 ? x : x.repeat(2, factor).repeat(3, factor);
    }

    /**
     * Average pooling over {@code factor x factor} windows, stride {@code factor}.
     *
     * @throws IllegalArgumentException if the sides are not divisible by the factor
     */
    public static NDArray down(NDArray x, int factor) {
        check(x, factor);
        if (factor == 1) {
            return x;
        }
        Shape s = x.getShape();
        if (s.get(2) % factor != 0 || s.get(3) % factor != 0) {
            throw new IllegalArgumentException("average pooling by " + factor + " needs sides"
                    + " divisible by it, got " + s);
        }
        // One axis per mean: PyTorch's engine takes one.
        return x.reshape(s.get(0), s.get(1), s.get(2) / factor, factor, s.get(3) / factor,
                factor).mean(new int[] {5}).mean(new int[] {3});
    }

    private static void check(NDArray x, int factor) {
        if (x.getShape().dimension() != 4) {
            throw new IllegalArgumentException("resampling takes (N, C, H, W), got "
                    + x.getShape());
        }
        if (factor < 1) {
            throw new IllegalArgumentException("resampling factor must be >= 1, got " + factor);
        }
    }
}
