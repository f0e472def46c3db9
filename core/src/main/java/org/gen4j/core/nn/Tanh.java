package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;

/**
 * The hyperbolic tangent as a block whose input gradient is known ({@link InputVjp}); create it
 * with {@link Layers#tanh()}.
 *
 * <p>The input gradient is {@code g (1 - y^2)} with the recorded output {@code y}, so that it
 * stays differentiable with respect to the parameters that {@code y} depends on.
 */
public final class Tanh extends ElementwiseBlock {

    Tanh() {}

    @Override
    NDArray apply(NDArray x) {
        return Activation.tanh(x);
    }

    /** {@inheritDoc} */
    @Override
    public NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient) {
        return outputGradient.mul(output.square().neg().add(1));
    }

    /** {@inheritDoc} */
    @Override
    public String toString() {
        return "Tanh()";
    }
}
