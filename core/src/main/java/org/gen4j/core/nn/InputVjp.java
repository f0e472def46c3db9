package org.gen4j.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;

/**
 * A block that can write the gradient of its input in forward operations: the vector-Jacobian
 * product {@code g^T dy/dx} of its output {@code y = f(x)}.
 *
 * <p>This is what lets a gradient penalty (WGAN-GP, DRAGAN, R1) run on an engine without
 * second-order gradients (MXNet): the route {@code org.gen4j.core.grad.VjpRoute} runs the critic
 * forward, then walks back from the output applying each block's {@code inputVjp}. Because the
 * product is built from ordinary operations on recorded arrays, the engine's first-order autograd
 * differentiates it with respect to the parameters, which is the second derivative a penalty
 * needs.
 *
 * <p>An implementation must therefore:
 *
 * <ul>
 *   <li>take parameter values from {@code parameterStore} in training mode, as the forward pass
 *       did, so that the arrays are the ones autograd records;
 *   <li>keep every factor that depends on the parameters differentiable (for {@code tanh}, use the
 *       recorded output {@code y} in {@code g (1 - y^2)}, not a detached copy); only factors whose
 *       derivative is zero almost everywhere (the slope mask of a ReLU) may be constants;
 *   <li>leave nothing in the model's manager: an operation whose first operand is a parameter
 *       allocates in the parameter's manager, so put the input or the gradient first, or attach
 *       parameter-derived temporaries to the input's manager;
 *   <li>treat samples independently: the product for sample {@code i} may depend only on sample
 *       {@code i} (a batch statistic would make every per-sample gradient wrong).
 * </ul>
 */
public interface InputVjp {

    /**
     * The gradient with respect to the input of {@code sum(outputGradient * f(input))}.
     *
     * @param parameterStore the store the forward pass used
     * @param input the block's input {@code x}, {@code (N, ...)}, as given to the training-mode
     *     forward pass
     * @param output the block's output {@code y = f(x)} from that forward pass
     * @param outputGradient {@code g}, shaped like {@code output}
     * @return {@code g^T dy/dx}, shaped like {@code input}, in the manager of {@code
     *     outputGradient} or {@code input}
     */
    NDArray inputVjp(
            ParameterStore parameterStore, NDArray input, NDArray output, NDArray outputGradient);
}
