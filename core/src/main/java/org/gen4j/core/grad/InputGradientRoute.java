package org.gen4j.core.grad;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import org.gen4j.core.model.Discriminator;

/**
 * One way of computing the gradient of a critic's output with respect to its input such that the
 * result is itself differentiable with respect to the critic's parameters: what a gradient penalty
 * needs, since its own gradient is a second derivative.
 *
 * <p>Two routes exist. The PyTorch engine's create-graph backward (module {@code engine-pytorch})
 * serves any critic on that engine. The vector-Jacobian-product route in {@code core} serves any
 * engine, for critics built from layers whose input gradient it can write in forward operations.
 * Implementations are found with {@link java.util.ServiceLoader}; see {@link InputGradientRoutes}.
 */
public interface InputGradientRoute {

    /** The route's stable lower-kebab-case name, as accepted by a penalty's {@code route} option. */
    String name();

    /**
     * Why this route cannot serve {@code critic} on the engine in use, or null if it can. Checked
     * before training starts, so that nothing trains without its penalty.
     */
    String unsupportedReason(Discriminator critic);

    /**
     * The gradient of {@code sum_i D(x)_i} with respect to {@code x}, with the critic in training
     * mode.
     *
     * <p>Called inside the discriminator's gradient collection; the result is recorded so that the
     * collector's backward of any function of it reaches the critic's parameters (and only them:
     * {@code x} is treated as a constant). The call itself leaves the parameters' gradients as it
     * found them.
     *
     * @param critic the critic, for which {@link #unsupportedReason} returned null
     * @param parameterStore the store the critic's forward pass uses
     * @param x a batch {@code (N, inputShape...)}; not modified
     * @return an array shaped like {@code x}, in the manager of {@code x}
     */
    NDArray inputGradient(Discriminator critic, ParameterStore parameterStore, NDArray x);
}
