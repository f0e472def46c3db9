package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import org.gen4j.core.engine.Scalars;

/**
 * Leaky ReLU, {@code y = x} for {@code x > 0} and {@code slope * x} otherwise, as a block whose
 * input gradient is known ({@link InputVjp}); create it with {@link Layers#leakyRelu(float)}.
 *
 * <p>DJL's {@code Activation.leakyReluBlock} is an opaque lambda, so a gradient penalty on an
 * engine without second-order gradients could not see through it. The input gradient is {@code g}
 * times the slope mask ({@code 1} where the input is positive, {@code slope} elsewhere), taken from
 * the input as a constant: its derivative is zero almost everywhere.
 */
public final class LeakyRelu extends ElementwiseBlock {

    private final float slope;

    LeakyRelu(float slope) {
        if (!Float.isFinite(slope)) {
            throw new IllegalArgumentException("leaky ReLU slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /**
     * The slope for negative inputs.
     *
     * @return the slope, for example 0.2
     */
    public float getSlope() {
        return slope;
    }

    /**
     * The engine's leaky ReLU, except in float64, where it is {@code x} times the slope mask: MXNet
     * 1.9's operator rounds float64 results to float32 precision (measured: a central difference
     * with step 1e-8 reads 0 or 0.745 instead of 0.2), which would hide every error that a float64
     * gradient check looks for. The product has the same value and, the mask being a constant,
     * the same derivative.
     */
    @Override
    NDArray apply(NDArray x) {
        if (x.getDataType() == DataType.FLOAT64) {
            return x.mul(slopes(x));
        }
        return Activation.leakyRelu(x, slope);
    }

    /** 1 where {@code x} is positive, {@code slope} elsewhere; a constant for autograd. */
    private NDArray slopes(NDArray x) {
        // Double scalars: in float64, 0.8f + 0.2f would be 1.0000000149, not 1.
        return Scalars.mul(positive(x), 1.0 - slope).add((double) slope);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient) {
        return outputGradient.mul(slopes(input));
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "LeakyRelu(" + slope + ")";
    }
}
