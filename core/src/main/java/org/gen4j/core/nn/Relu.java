package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * ReLU, {@code y = max(x, 0)}, as a block whose input gradient is known ({@link InputVjp}); create
 * it with {@link Layers#relu()}.
 *
 * <p>The input gradient is {@code g} times the mask of positive inputs, a constant for autograd.
 */
public final class Relu extends ElementwiseBlock {

    Relu() {}

    @Override
    NDArray apply(NDArray x) {
        return Activation.relu(x);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient) {
        return outputGradient.mul(positive(input));
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "Relu()";
    }
}
