package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * The logistic sigmoid {@code 1 / (1 + exp(-x))} as a block whose input gradient is known ({@link
 * InputVjp}); create it with {@link Layers#sigmoid()}.
 *
 * <p>The input gradient is {@code g y (1 - y)} with the recorded output {@code y}, so that it
 * stays differentiable with respect to the parameters that {@code y} depends on.
 */
public final class Sigmoid extends ElementwiseBlock {

    Sigmoid() {}

    @Override
    NDArray apply(NDArray x) {
        return Activation.sigmoid(x);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient) {
        return outputGradient.mul(output).mul(output.neg().add(1));
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "Sigmoid()";
    }
}
