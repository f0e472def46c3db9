package org.gen4j.core.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;
import org.gen4j.core.engine.EngineKernel;

/**
 * An engine's own implementation of one Adam update over many parameters at once, found with
 * {@link org.gen4j.core.engine.EngineKernels} under {@code
 * META-INF/services/org.gen4j.core.optim.AdamKernel}.
 * Without one, {@link Adam} runs DJL's fused operator parameter by parameter.
 *
 * <p>A kernel must compute what that operator computes, in the same order of rounding: with
 * {@code g' = g + decay * w}, {@code m <- beta1 m + (1 - beta1) g'}, {@code v <- beta2 v + (1 -
 * beta2) g'^2} and {@code w <- w - (step * m) / (sqrt(v) + eps)}; then it sets every gradient to
 * zero. All updates are in place and outside any gradient recording.
 */
public interface AdamKernel extends EngineKernel {

    /**
     * One update of every parameter.
     *
     * @param weights the parameters, updated in place
     * @param gradients their gradients, in the same order, set to zero
     * @param means the first moments, updated in place
     * @param variances the second moments, updated in place
     * @param hyper the update's numbers
     */
    void step(List<NDArray> weights, List<NDArray> gradients, List<NDArray> means,
            List<NDArray> variances, Hyper hyper);

    /**
     * The numbers of one update.
     *
     * @param beta1 the first moment's decay
     * @param beta2 the second moment's decay
     * @param eps the denominator's constant
     * @param step the bias-corrected learning rate, {@code lr sqrt(1 - beta2^t) / (1 - beta1^t)}
     * @param decay the L2 weight decay added to the gradient
     */
    record Hyper(float beta1, float beta2, float eps, float step, float decay) {}
}
