package org.gen4j.core.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between an array and a Java number that stays right under differentiation on
 * every engine. Use it instead of DJL's {@code NDArray.mul(Number)}, {@code div(Number)}, {@code
 * pow(Number)}, {@code maximum(Number)} and {@code minimum(Number)} wherever a gradient may pass.
 *
 * <p>Why: DJL's PyTorch engine (0.36.0) runs {@code x.mul(3f)} as a product with a scalar tensor
 * that wraps a Java direct buffer ({@code torch::from_blob}), and closes that tensor's Java
 * wrapper as soon as the product is built. The autograd graph keeps the scalar for the backward
 * pass, but the buffer is now garbage: when the collector frees it before the backward pass, the
 * gradient is computed with whatever the memory holds next ({@code 1e30} instead of {@code 3} in
 * {@code ScalarLifetimeTest}, and Adam states that overflow to infinity in training). Here the
 * scalar on PyTorch is made by the engine itself ({@code full}), which owns its memory, so the
 * graph's reference keeps it alive. On MXNet, which copies created data into its own memory and
 * has native scalar operators, these are DJL's own calls.
 *
 * <p>Addition and subtraction of a number are safe as DJL has them (their gradient keeps no
 * operand), as are comparisons and in-place operations outside a gradient recording.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x * c}. */
    public static NDArray mul(NDArray x, double c) {
        return apply(x, c, NDArray::mul, NDArray::mul);
    }

    /** {@code x / c}. */
    public static NDArray div(NDArray x, double c) {
        return apply(x, c, NDArray::div, NDArray::div);
    }

    /** {@code x ^ c}, elementwise. */
    public static NDArray pow(NDArray x, double c) {
        return apply(x, c, NDArray::pow, NDArray::pow);
    }

    /** {@code max(x, c)}, elementwise. */
    public static NDArray maximum(NDArray x, double c) {
        return apply(x, c, NDArray::maximum, NDArray::maximum);
    }

    /** {@code min(x, c)}, elementwise. */
    public static NDArray minimum(NDArray x, double c) {
        return apply(x, c, NDArray::minimum, NDArray::minimum);
    }

    /** DJL's own operation with the number, or with an engine-made scalar where that is unsafe. */
    private static NDArray apply(NDArray x, double c, BiFunction<NDArray, Number, NDArray> byNumber,
            BinaryOperator<NDArray> byArray) {
        if (!needsEngineScalar(x)) {
            return byNumber.apply(x, number(c));
        }
        try (NDArray k = scalar(x, c)) {
            return byArray.apply(x, k);
        }
    }

    /**
     * The number as DJL's own call would have had it: a float where the double holds one exactly
     * (every float a caller widened), so that MXNet reads the same scalar text as before.
     */
    private static Number number(double c) {
        float f = (float) c;
        return f == c ? (Number) f : (Number) c;
    }

    /** Whether DJL's own number arithmetic on the engine of {@code x} is unsafe to record. */
    private static boolean needsEngineScalar(NDArray x) {
        return EngineSetup.isPytorch(x.getManager());
    }

    /**
     * A scalar of the type of {@code x} in the engine's own memory. {@code full} takes a float,
     * so a float64 scalar is created from the double and cloned (a clone owns its memory).
     */
    private static NDArray scalar(NDArray x, double c) {
        NDManager m = x.getManager();
        if (x.getDataType() == DataType.FLOAT64) {
            try (NDArray wrapped = m.create(c)) {
                return wrapped.duplicate();
            }
        }
        return m.full(new Shape(), (float) c, x.getDataType());
    }
}
